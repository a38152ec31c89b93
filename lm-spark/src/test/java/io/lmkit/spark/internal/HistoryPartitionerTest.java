package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the by-history plan relies on: an n-gram's neighbours in the estimation share its partition. */
class HistoryPartitionerTest {

    private final HistoryPartitioner partitioner = new HistoryPartitioner(7);

    @Test
    void anNgramItsSiblingsItsSuffixAndItsLeftExtensionsShareAPartition() {
        Random random = new Random(3);
        for (int trial = 0; trial < 1000; trial++) {
            int k = 2 + random.nextInt(4);
            int[] words = random.ints(k, 0, 50_000).toArray();
            Gram g = new Gram(words);
            int p = partitioner.getPartition(g);
            int[] sibling = words.clone();
            sibling[k - 1] = random.nextInt(50_000);
            assertEquals(p, partitioner.getPartition(new Gram(sibling)), "a sibling of " + g);
            int[] extended = new int[k + 1];
            extended[0] = random.nextInt(50_000);
            System.arraycopy(words, 0, extended, 1, k);
            assertEquals(p, partitioner.getPartition(new Gram(extended)), "a left extension of " + g);
            if (k >= 3) {
                assertEquals(p, partitioner.getPartition(g.suffix()), "the suffix of " + g);
            }
        }
    }

    @Test
    void theMostFrequentWordsSmallIdsSpreadOverThePartitions() {
        Set<Integer> used = new HashSet<>();
        for (int w = 0; w < 20; w++) {
            used.add(partitioner.getPartition(new Gram(new int[] {w, 1})));
        }
        assertEquals(7, used.size(), "the 20 smallest ids reach every one of 7 partitions");
        for (int w = 0; w < 100_000; w++) {
            int p = HistoryPartitioner.partitionOfWord(w, 7);
            assertTrue(p >= 0 && p < 7, "word " + w + " went to partition " + p);
        }
    }
}
