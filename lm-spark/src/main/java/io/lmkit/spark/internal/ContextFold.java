package io.lmkit.spark.internal;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Sums over each context's followers in the order lm-ngram adds them (the key's second field: the
 * vocabulary id of the follower's last word for the backoff sums, trie order), so that floating-point sums are
 * bit-identical: the followers are shuffled to their context's partition, sorted there by (context, that
 * field), and each context is folded in one pass over its partition, holding one context's running sums
 * at a time.
 *
 * @param <V> what each follower contributes
 * @param <R> what each context gets
 */
public abstract class ContextFold<V, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Starts a context's sums. */
    protected abstract void start();

    /** Adds the next follower, in the order of the keys' second field. */
    protected abstract void add(V follower);

    /** The context's result once every follower is added. */
    protected abstract R finish();

    /**
     * A follower under its context, ordered by context, then by its place among the context's followers.
     *
     * @param context the follower's first k−1 words
     * @param place   where the follower comes among its context's followers (the smaller first)
     */
    public record Key(Gram context, long place) implements Serializable {
    }

    /** Orders keys by context (trie order), then by place. */
    static final class KeyOrder implements Comparator<Key>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Key a, Key b) {
            int c = a.context().compareTo(b.context());
            return c != 0 ? c : Long.compare(a.place(), b.place());
        }
    }

    /** Sends a key to its context's partition. */
    static final class ByContext extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final HashPartitioner hash;

        ByContext(int partitions) {
            this.hash = new HashPartitioner(partitions);
        }

        @Override
        public int numPartitions() {
            return hash.numPartitions();
        }

        @Override
        public int getPartition(Object key) {
            return hash.getPartition(((Key) key).context());
        }
    }

    /**
     * Folds every context's followers.
     *
     * @param followers each follower: (its context, its place among the context's followers) and what it
     *                  contributes
     */
    public JavaPairRDD<Gram, R> apply(JavaPairRDD<Key, V> followers, int partitions) {
        return followers.repartitionAndSortWithinPartitions(new ByContext(partitions), new KeyOrder())
                .mapPartitionsToPair(this::foldPartition);
    }

    /** A follower's key. */
    public static Key key(Gram context, long place) {
        return new Key(context, place);
    }

    private Iterator<Tuple2<Gram, R>> foldPartition(Iterator<Tuple2<Key, V>> sorted) {
        return new Iterator<>() {
            private Tuple2<Key, V> pending = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Tuple2<Gram, R> next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                Gram context = pending._1().context();
                start();
                while (pending != null && pending._1().context().equals(context)) {
                    add(pending._2());
                    pending = sorted.hasNext() ? sorted.next() : null;
                }
                return new Tuple2<>(context, finish());
            }
        };
    }
}
