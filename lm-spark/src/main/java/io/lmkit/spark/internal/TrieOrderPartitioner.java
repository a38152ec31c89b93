package io.lmkit.spark.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.spark.Partitioner;

/**
 * Partitions a model's n-grams of every order for writing, so that reading the partitions in index order gives
 * each order's n-grams in trie order once each is sorted: partition 0 holds the order-1 records (the unigrams'
 * backoffs), then each order k ≥ 2 has {@code perOrder} partitions, each a range of first words. The ranges
 * are cut at the words' shares of {@code weights} (their counts): n-grams follow their first word's frequency,
 * so the ranges are about equal without the sampling pass of Spark's own range partitioner (which would compute
 * the estimation twice).
 */
public final class TrieOrderPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;
    private final int order;
    private final int perOrder;
    /** bounds[j]: the first word id of range j + 1. */
    private final int[] bounds;

    private TrieOrderPartitioner(int order, int perOrder, int[] bounds) {
        this.order = order;
        this.perOrder = perOrder;
        this.bounds = bounds;
    }

    /**
     * A partitioner for orders 1..{@code order}, with up to {@code perOrder} ranges per order cut at equal shares
     * of {@code weights} (index: word id).
     */
    public static TrieOrderPartitioner of(int order, int perOrder, long[] weights) {
        double total = 0;
        for (long w : weights) {
            total += w;
        }
        int ranges = Math.max(perOrder, 1);
        if (total == 0 || ranges == 1) {
            return new TrieOrderPartitioner(order, 1, new int[0]);
        }
        double share = total / ranges;
        int[] bounds = new int[ranges - 1];
        int n = 0;
        double before = 0;
        double nextCut = share;
        for (int word = 0; word + 1 < weights.length && n < bounds.length; word++) {
            double after = before + weights[word];
            // A cut after this word when the range has its share, and one before a word heavier than a share,
            // so that the heavy word gets a range of its own rather than its neighbours' too.
            if (after >= nextCut || weights[word + 1] >= share) {
                bounds[n++] = word + 1;
                nextCut = (Math.floor(after / share) + 1) * share;
            }
            before = after;
        }
        return new TrieOrderPartitioner(order, n + 1, Arrays.copyOf(bounds, n));
    }

    /** The partitions of order k ≥ 2: [first, first + {@link #perOrder}). */
    public int firstPartition(int k) {
        return 1 + (k - 2) * perOrder;
    }

    /** The number of partitions per order above the unigrams. */
    public int perOrder() {
        return perOrder;
    }

    @Override
    public int numPartitions() {
        return 1 + (order - 1) * perOrder;
    }

    @Override
    public int getPartition(Object key) {
        Gram g = (Gram) key;
        if (g.length() == 1) {
            return 0;
        }
        int range = Arrays.binarySearch(bounds, g.word(0));
        return firstPartition(g.length()) + (range >= 0 ? range + 1 : -range - 1);
    }

    /** Trie order within a partition (all of one order): by word id, first word first. */
    public static final class GramOrder implements Comparator<Gram>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Gram a, Gram b) {
            return a.compareTo(b);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrieOrderPartitioner p && p.order == order && p.perOrder == perOrder
                && Arrays.equals(p.bounds, bounds);
    }

    @Override
    public int hashCode() {
        return 31 * order + Arrays.hashCode(bounds);
    }
}
