package io.lmkit.spark.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Teaches Spark's Kryo (version 4, which cannot build Java records: "can't get field offset on a record class")
 * lmkit's shuffled values, field by field. {@code Estimate} adds it to {@code spark.kryo.registrator} and makes
 * Kryo the serializer, which is also faster than Java serialization; a cluster whose spark-defaults.conf already
 * chose Kryo then works too.
 */
public final class KryoRegistration implements KryoRegistrator {

    /** This class's name, for {@code spark.kryo.registrator}. */
    public static final String NAME = KryoRegistration.class.getName();

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Gram.class, of((o, g) -> {
            o.writeInt(g.length(), true);
            for (int i = 0; i < g.length(); i++) {
                o.writeInt(g.word(i), true);
            }
        }, in -> {
            int[] words = new int[in.readInt(true)];
            for (int i = 0; i < words.length; i++) {
                words[i] = in.readInt(true);
            }
            return new Gram(words);
        }));
        kryo.register(Counted.class, of((o, c) -> {
            o.writeLong(c.occurrences(), true);
            o.writeLong(c.firstPosition());
            o.writeLong(c.continuations(), true);
        }, in -> new Counted(in.readLong(true), in.readLong(), in.readLong(true))));
        kryo.register(SparkKneserNey.Adjusted.class, of((o, a) -> {
            o.writeLong(a.adjusted(), true);
            o.writeLong(a.occurrences(), true);
            o.writeLong(a.firstPosition());
        }, in -> new SparkKneserNey.Adjusted(in.readLong(true), in.readLong(true), in.readLong())));
        kryo.register(SparkKneserNey.Weight.class, of((o, w) -> {
            o.writeDouble(w.total());
            o.writeDouble(w.gamma());
        }, in -> new SparkKneserNey.Weight(in.readDouble(), in.readDouble())));
        kryo.register(SparkKneserNey.Prob.class, of((o, p) -> {
            o.writeLong(p.firstPosition());
            o.writeDouble(p.p());
            o.writeDouble(p.stored());
            o.writeDouble(p.suffixStored());
        }, in -> new SparkKneserNey.Prob(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble())));
        kryo.register(Stored.class, of((o, s) -> {
            o.writeFloat(s.log10Prob());
            o.writeDouble(s.log10Backoff());
            o.writeInt(s.followers(), true);
        }, in -> new Stored(in.readFloat(), in.readDouble(), in.readInt(true))));
        kryo.register(ContextFold.Key.class, new Serializer<ContextFold.Key>() {
            @Override
            public void write(Kryo k, Output o, ContextFold.Key key) {
                k.writeObject(o, key.context());
                o.writeLong(key.place());
            }

            @Override
            public ContextFold.Key read(Kryo k, Input in, Class<ContextFold.Key> type) {
                return new ContextFold.Key(k.readObject(in, Gram.class), in.readLong());
            }
        });
    }

    private static <T> Serializer<T> of(BiConsumer<Output, T> write, Function<Input, T> read) {
        return new Serializer<>() {
            @Override
            public void write(Kryo kryo, Output output, T value) {
                write.accept(output, value);
            }

            @Override
            public T read(Kryo kryo, Input input, Class<T> type) {
                return read.apply(input);
            }
        };
    }
}
