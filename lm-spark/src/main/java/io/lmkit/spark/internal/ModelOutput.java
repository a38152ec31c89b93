package io.lmkit.spark.internal;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.SortedNgramModelWriter;
import io.lmkit.ngram.arpa.ArpaWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Writes a model estimated by Spark as an lmkit model file in the trie layout, without collecting it on the
 * driver: each order is sorted into trie order by Spark and its partitions stream to the driver one at a time
 * ({@code toLocalIterator}) into {@link SortedNgramModelWriter}. The ARPA file, when asked for, is written from
 * the model file itself, whose tables are mapped rather than read into the heap.
 */
public final class ModelOutput {

    private ModelOutput() {
    }

    /** Where the model came from, for its manifest. */
    public record Provenance(String modelName, Record config, String tokenizer, String dataFingerprint) {
    }

    /** Writes the model file {@code out} (atomically) and returns the sizes of each order, index k−1 for order k. */
    public static long[] write(Estimated model, Vocabulary vocabulary, Path out, Provenance provenance, int partitions) {
        int order = model.order();
        List<JavaPairRDD<Gram, Stored>> sorted = new ArrayList<>(Arrays.asList(null, null));
        long[] sizes = new long[order];
        sizes[0] = vocabulary.size();
        for (int k = 2; k <= order; k++) {
            JavaPairRDD<Gram, Stored> s = model.orders().get(k).sortByKey(true, partitions)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            sorted.add(s);
            sizes[k - 1] = s.count();
        }
        SortedNgramModelWriter.SortedOrders orders = new SortedNgramModelWriter.SortedOrders() {
            @Override
            public long size(int k) {
                return sizes[k - 1];
            }

            @Override
            public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
                Iterator<Tuple2<Gram, Stored>> it = sorted.get(k).toLocalIterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public SortedNgramModelWriter.Ngram next() {
                        Tuple2<Gram, Stored> e = it.next();
                        return new SortedNgramModelWriter.Ngram(e._1().last(), e._2().log10Prob(),
                                e._2().log10Backoff());
                    }
                };
            }

            @Override
            public PrimitiveIterator.OfLong followerCounts(int k) {
                Iterator<Gram> parents = k == 2 ? words(vocabulary.size()) : keys(sorted.get(k - 1).toLocalIterator());
                return followers(parents, keys(sorted.get(k).toLocalIterator()));
            }
        };
        ModelFile.save(out, vocabulary, sink -> SortedNgramModelWriter.writeData(sink, order, model.kind(),
                        model.missingContextLog10(), model.unigramLog10Prob(), model.unigramLog10Backoff(), orders),
                provenance.modelName(), provenance.config(), 0L, provenance.tokenizer(), provenance.dataFingerprint());
        for (int k = 2; k <= order; k++) {
            sorted.get(k).unpersist(false);
        }
        return sizes;
    }

    /** Writes the model file {@code model} as ARPA text to {@code arpa} (gzip when the name ends in .gz). */
    public static void writeArpa(Path model, Path arpa, ModelProvider<?> provider) {
        PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "", List.of(provider));
        LanguageModel loaded = ModelFile.load(model, models).model();
        ArpaWriter.write((NgramModel) loaded, arpa);
    }

    private static Iterator<Gram> keys(Iterator<Tuple2<Gram, Stored>> entries) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Gram next() {
                return entries.next()._1();
            }
        };
    }

    private static Iterator<Gram> words(int vocabularySize) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < vocabularySize;
            }

            @Override
            public Gram next() {
                if (next >= vocabularySize) {
                    throw new NoSuchElementException();
                }
                return Gram.of(next++);
            }
        };
    }

    /** For each parent in trie order, how many of the (sorted) children have it as their prefix. */
    private static PrimitiveIterator.OfLong followers(Iterator<Gram> parents, Iterator<Gram> children) {
        return new PrimitiveIterator.OfLong() {
            private Gram child = children.hasNext() ? children.next() : null;

            @Override
            public boolean hasNext() {
                return parents.hasNext();
            }

            @Override
            public long nextLong() {
                Gram parent = parents.next();
                long n = 0;
                while (child != null && isPrefix(parent, child)) {
                    n++;
                    child = children.hasNext() ? children.next() : null;
                }
                return n;
            }
        };
    }

    private static boolean isPrefix(Gram parent, Gram child) {
        for (int i = 0; i < parent.length(); i++) {
            if (parent.word(i) != child.word(i)) {
                return false;
            }
        }
        return true;
    }
}
