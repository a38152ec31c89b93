package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.MemoryBudget;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** n-gram tables and counting are sized before they are allocated, and refused when they cannot fit. */
class MemoryEstimateTest {

    @Test
    void aModelOfTenBillionTrigramsIsRefusedBeforeAnyAllocation() {
        Vocabulary v = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a"));
        MemoryBudget.InsufficientMemoryException e = assertThrows(MemoryBudget.InsufficientMemoryException.class,
                () -> new NgramModelBuilder(v, 3, new long[] {4, 1_000_000, 10_000_000_000L}));
        assertTrue(e.getMessage().contains("an order-3 n-gram model of [1000000, 10000000000] n-grams")
                && e.getMessage().contains("pruning"), e.getMessage());
    }

    @Test
    void theTableEstimateCountsSlotsOfFiveIntsWithBackoffsAndThreeWithout() {
        // 10 words x 16 bytes; 100 bigrams in 122 slots of 5 ints; 1000 trigrams in 1202 slots of 3 ints.
        assertEquals(10 * 16 + 122 * 20 + 1202 * 12,
                NgramModelBuilder.estimateBytes(10, 3, new long[] {10, 100, 1000}));
    }

    @Test
    void countingIsEstimatedFromTheCorpusSizeAndTheVocabulary() {
        // 10 words: at most 10^2 = 100 distinct bigrams and 10^3 = 1000 trigrams, fewer than the 1010 positions.
        assertEquals((100 + 1000) * 56L, NgramCounts.estimateBytes(1000, 10, 10, 3));
        // 100 words: at most one n-gram per position (1000 words + 10 </s>) in each order.
        assertEquals(2 * 1010 * 56L, NgramCounts.estimateBytes(1000, 10, 100, 3));
        long trillion = NgramCounts.estimateBytes(1_000_000_000_000L, 1, 100_000, 5);
        // Bigrams: at most 100,000^2 = 10^10; orders 3 to 5: one per position.
        assertEquals((10_000_000_000L + 3 * 1_000_000_000_001L) * 56, trillion);
        assertThrows(MemoryBudget.InsufficientMemoryException.class,
                () -> MemoryBudget.require(trillion, "counting", "a smaller corpus"));
    }
}
