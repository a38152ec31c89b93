package io.lmkit.spark.internal;

import org.apache.spark.Partitioner;

/**
 * Sends an n-gram of order ≥ 2 to the partition of its second-to-last word (its context's last word). That one
 * choice puts together everything modified Kneser-Ney needs of an n-gram g = w1…wk: its siblings (every n-gram of
 * its context w1…wk−1, for Σ a(h·) and γ(h)), its suffix w2…wk (whose probability it interpolates with, for
 * k ≥ 3) and every x·g one order up (whose number is its continuation count), since all of them share that
 * word in that place. So after one shuffle each partition is estimated on its own ({@link HistoryTables}); only
 * the unigrams and the discounts are global, and they are small.
 */
public final class HistoryPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;
    private final int partitions;

    /** A partitioner into {@code partitions} parts. */
    public HistoryPartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        Gram g = (Gram) key;
        return partitionOfWord(g.word(g.length() - 2), partitions);
    }

    /**
     * The partition of the n-grams whose second-to-last word is {@code word}. Word ids are mixed first, so that
     * the frequent words (small ids in a vocabulary sorted by count) spread over the partitions.
     */
    static int partitionOfWord(int word, int partitions) {
        long h = (word + 1L) * 0x9E3779B97F4A7C15L;
        return (int) Long.remainderUnsigned(h ^ (h >>> 29), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryPartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
