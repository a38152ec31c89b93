package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading the partitions in index order gives each order's n-grams in trie order, in ranges of about equal weight. */
class TrieOrderPartitionerTest {

    @Test
    void unigramRecordsGoToPartitionZeroAndEachOrderHasItsOwnRanges() {
        long[] weights = new long[100];
        java.util.Arrays.fill(weights, 1);
        TrieOrderPartitioner p = TrieOrderPartitioner.of(4, 4, weights);
        assertEquals(4, p.perOrder());
        assertEquals(1 + 3 * 4, p.numPartitions());
        assertEquals(0, p.getPartition(Gram.of(57)));
        for (int k = 2; k <= 4; k++) {
            int previous = -1;
            for (int w = 0; w < 100; w++) {
                int[] words = new int[k];
                words[0] = w;
                int part = p.getPartition(new Gram(words));
                assertTrue(part >= p.firstPartition(k) && part < p.firstPartition(k) + 4, "order " + k + " word " + w);
                assertTrue(part >= previous, "ranges follow the first word's id");
                previous = part;
            }
        }
        // Equal weights: four ranges of 25 words.
        assertEquals(p.firstPartition(2), p.getPartition(new Gram(new int[] {24, 0})));
        assertEquals(p.firstPartition(2) + 1, p.getPartition(new Gram(new int[] {25, 0})));
        assertEquals(p.firstPartition(2) + 3, p.getPartition(new Gram(new int[] {99, 0})));
    }

    @Test
    void aHeavyWordGetsARangeOfItsOwn() {
        long[] weights = {1, 1, 100, 1, 1, 1};
        TrieOrderPartitioner p = TrieOrderPartitioner.of(2, 3, weights);
        int heavy = p.getPartition(new Gram(new int[] {2, 0}));
        assertTrue(heavy != p.getPartition(new Gram(new int[] {1, 0})), "words before the heavy one are apart");
        assertTrue(heavy != p.getPartition(new Gram(new int[] {3, 0})), "words after the heavy one are apart");
    }

    @Test
    void noWeightAtAllStillGivesOnePartitionPerOrder() {
        TrieOrderPartitioner p = TrieOrderPartitioner.of(3, 1, new long[10]);
        assertEquals(3, p.numPartitions());
        assertEquals(1, p.getPartition(new Gram(new int[] {9, 9})));
        assertEquals(2, p.getPartition(new Gram(new int[] {0, 0, 0})));
    }
}
