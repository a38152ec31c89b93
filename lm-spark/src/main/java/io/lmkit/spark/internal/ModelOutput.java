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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Writes a model estimated by Spark as an lmkit model file in the trie layout, without collecting it on the
 * driver: every order is sorted into trie order by one shuffle ({@link TrieOrderPartitioner}), each n-gram's
 * probability and context records are merged, each partition is encoded compactly ({@link EncodedRecords}), and
 * the partitions stream to the driver one at a time into {@link SortedNgramModelWriter}. The ARPA file, when asked for, is written from
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
        JavaRDD<byte[]> encoded = model.ngrams()
                .repartitionAndSortWithinPartitions(byTrie, new TrieOrderPartitioner.GramOrder())
                .mapPartitionsToPair(ModelOutput::mergeRecordsOfOneNgram, true)
                .mapPartitions(EncodedRecords::encode, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Long> perPartition = encoded.mapPartitions(chunks -> List.of(EncodedRecords.count(chunks)).iterator())
                .collect();
        // Partition 0 holds the unigrams as contexts: their backoffs and their numbers of bigrams.
        double[] unigramBackoff = model.unigramLog10Backoff().clone();
        long[] unigramFollowers = new long[vocabulary.size()];
        for (Iterator<EncodedRecords.Entry> it = EncodedRecords.decode(partition(encoded, 0)); it.hasNext(); ) {
            EncodedRecords.Entry e = it.next();
            unigramBackoff[e.word()] = e.log10Backoff();
            unigramFollowers[e.word()] = e.followers();
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
                Iterator<EncodedRecords.Entry> it = entries(encoded, byTrie, k);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public SortedNgramModelWriter.Ngram next() {
                        EncodedRecords.Entry e = it.next();
                        return new SortedNgramModelWriter.Ngram(e.word(), e.log10Prob(), e.log10Backoff());
                    }
                };
            }

            @Override
            public PrimitiveIterator.OfLong followerCounts(int k) {
                if (k == 2) {
                    return java.util.Arrays.stream(unigramFollowers).iterator();
                }
                Iterator<EncodedRecords.Entry> parents = entries(encoded, byTrie, k - 1);
                return new PrimitiveIterator.OfLong() {
                    @Override
                    public boolean hasNext() {
                        return parents.hasNext();
                    }

                    @Override
                    public long nextLong() {
                        return parents.next().followers();
                    }
                };
            }
        };
        ModelFile.save(out, vocabulary, sink -> SortedNgramModelWriter.writeData(sink, order, model.kind(),
                        model.missingContextLog10(), model.unigramLog10Prob(), unigramBackoff, orders),
                provenance.modelName(), provenance.config(), 0L, provenance.tokenizer(), provenance.dataFingerprint());
        encoded.unpersist(false);
        return sizes;
    }

    /** One partition's chunks, brought to the driver (one partition at a time is all it holds). */
    private static List<byte[]> partition(JavaRDD<byte[]> encoded, int p) {
        return encoded.collectPartitions(new int[] {p})[0];
    }

    /** Order k's records in trie order: its partitions one after the other. */
    private static Iterator<EncodedRecords.Entry> entries(JavaRDD<byte[]> encoded, TrieOrderPartitioner byTrie, int k) {
        return new Iterator<>() {
            private int next = byTrie.firstPartition(k);
            private Iterator<EncodedRecords.Entry> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < byTrie.firstPartition(k) + byTrie.perOrder()) {
                    current = EncodedRecords.decode(partition(encoded, next++));
                }
                return current.hasNext();
            }

            @Override
            public EncodedRecords.Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * A sorted partition with each n-gram's probability record and context record (adjacent once sorted) merged
     * into one. A context record of order ≥ 2 left alone would be a context that no n-gram of its order has: an
     * estimator's bug, reported as such.
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
                if (e._2().isContext() && e._1().length() > 1) {
                    throw new IllegalStateException("the context " + e._1() + " has no probability record");
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
}
