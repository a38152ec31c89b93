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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Writes a model estimated by Spark as an lmkit model file in the trie layout, without collecting it on the
 * driver: every order is sorted into trie order by one shuffle ({@link TrieOrderPartitioner}), the two records an
 * estimator may give of one n-gram are merged, and the partitions stream to the driver one at a time into
 * {@link SortedNgramModelWriter}. The ARPA file, when asked for, is written from
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
        TrieOrderPartitioner byTrie = TrieOrderPartitioner.of(order, partitions, model.firstWordWeights());
        JavaPairRDD<Gram, Stored> sorted = model.ngrams()
                .repartitionAndSortWithinPartitions(byTrie, new TrieOrderPartitioner.GramOrder())
                .mapPartitionsToPair(ModelOutput::mergeRecordsOfOneNgram, true)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<Long> perPartition = sorted.mapPartitions(entries -> {
            long n = 0;
            for (; entries.hasNext(); entries.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        double[] unigramBackoff = model.unigramLog10Backoff().clone();
        for (Tuple2<Gram, Stored> e : partition(sorted, 0)) {
            unigramBackoff[e._1().word(0)] = e._2().log10Backoff();
        }
        long[] sizes = new long[order];
        sizes[0] = vocabulary.size();
        for (int k = 2; k <= order; k++) {
            for (int p = byTrie.firstPartition(k); p < byTrie.firstPartition(k) + byTrie.perOrder(); p++) {
                sizes[k - 1] += perPartition.get(p);
            }
        }
        SortedNgramModelWriter.SortedOrders orders = new SortedNgramModelWriter.SortedOrders() {
            @Override
            public long size(int k) {
                return sizes[k - 1];
            }

            @Override
            public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
                Iterator<Tuple2<Gram, Stored>> it = entries(sorted, byTrie, k);
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
                Iterator<Gram> parents = k == 2 ? words(vocabulary.size()) : keys(entries(sorted, byTrie, k - 1));
                return followers(parents, keys(entries(sorted, byTrie, k)));
            }
        };
        ModelFile.save(out, vocabulary, sink -> SortedNgramModelWriter.writeData(sink, order, model.kind(),
                        model.missingContextLog10(), model.unigramLog10Prob(), unigramBackoff, orders),
                provenance.modelName(), provenance.config(), 0L, provenance.tokenizer(), provenance.dataFingerprint());
        sorted.unpersist(false);
        return sizes;
    }

    /** One partition's entries, brought to the driver (one partition at a time is all it holds). */
    private static List<Tuple2<Gram, Stored>> partition(JavaPairRDD<Gram, Stored> sorted, int p) {
        return sorted.collectPartitions(new int[] {p})[0];
    }

    /** Order k's entries in trie order: its partitions one after the other. */
    private static Iterator<Tuple2<Gram, Stored>> entries(JavaPairRDD<Gram, Stored> sorted, TrieOrderPartitioner byTrie,
                                                          int k) {
        return new Iterator<>() {
            private int next = byTrie.firstPartition(k);
            private Iterator<Tuple2<Gram, Stored>> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < byTrie.firstPartition(k) + byTrie.perOrder()) {
                    current = partition(sorted, next++).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Tuple2<Gram, Stored> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * A sorted partition with the two records an estimator may give of one n-gram (its probability's and its
     * backoff's, adjacent once sorted) merged into one. An n-gram of order ≥ 2 left with a backoff alone would
     * be a context that no n-gram of its order has: an estimator's bug, reported as such.
     */
    private static Iterator<Tuple2<Gram, Stored>> mergeRecordsOfOneNgram(Iterator<Tuple2<Gram, Stored>> sorted) {
        return new Iterator<>() {
            private Tuple2<Gram, Stored> pending = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Tuple2<Gram, Stored> next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                Tuple2<Gram, Stored> e = pending;
                pending = sorted.hasNext() ? sorted.next() : null;
                if (pending != null && pending._1().equals(e._1())) {
                    e = new Tuple2<>(e._1(), Stored.merge(e._2(), pending._2()));
                    pending = sorted.hasNext() ? sorted.next() : null;
                }
                if (e._2().isBackoffOnly() && e._1().length() > 1) {
                    throw new IllegalStateException("the context " + e._1() + " has a backoff but no probability");
                }
                return e;
            }
        };
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
