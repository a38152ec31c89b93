package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** One partition's tables: trie order, adjusted counts from the left extensions held alongside. */
class HistoryTablesTest {

    private static final int BOS = 1;

    private static Tuple2<Gram, Long> g(long count, int... words) {
        return new Tuple2<>(new Gram(words), count);
    }

    @Test
    void adjustedCountsAreContinuationCountsBelowTheTopOrderButRawCountsAfterBos() {
        // Words: 1 <s>, 5 x, 6 y, 7 z. All n-grams below share the second-to-last word 5 or are its trigrams.
        List<Tuple2<Gram, Long>> grams = List.of(
                g(4, 5, 7), g(3, 5, 6), g(2, BOS, 5),
                g(1, 6, 5, 7), g(2, 7, 5, 7), g(1, BOS, 5, 7), g(3, 6, 5, 6));
        HistoryTables t = HistoryTables.build(grams.iterator(), 3, BOS, 10);
        assertEquals(3, t.size(2));
        assertEquals(4, t.size(3));
        HistorySummary s = t.summary(null);
        // Bigrams in trie order: (1 5) raw 2 [starts with <s>], (5 6) N1+ 1 [6 5 6], (5 7) N1+ 3 [6 5 7, 7 5 7, <s> 5 7].
        // Order 2's counts-of-counts: a = 2, 1, 3; order 3 (the top) raw: 1, 3, 1, 2.
        assertArrayEquals(new long[] {0, 1, 1, 1, 0}, s.countsOfCounts[2]);
        assertArrayEquals(new long[] {0, 2, 1, 1, 0}, s.countsOfCounts[3]);
        // Each bigram adds one to its last word's N1+(• w): 5 once, 6 once, 7 once.
        assertArrayEquals(new int[] {5, 6, 7}, s.unigramWords);
        assertArrayEquals(new long[] {1, 1, 1}, s.unigramContinuations);
    }

    @Test
    void theCountsOfAnNgramThatComesFromSeveralMapTasksAreAdded() {
        List<Tuple2<Gram, Long>> grams = List.of(g(1, 5, 7), g(2, 6, 5, 7), g(3, 5, 7), g(1, 6, 5, 7));
        HistoryTables t = HistoryTables.build(grams.iterator(), 3, BOS, 10);
        assertEquals(1, t.size(2));
        assertEquals(1, t.size(3));
        // (6 5 7) has the raw count 3 at the top order; (5 7) has one left extension.
        assertArrayEquals(new long[] {0, 0, 0, 1, 0}, t.summary(null).countsOfCounts[3]);
        assertArrayEquals(new long[] {0, 1, 0, 0, 0}, t.summary(null).countsOfCounts[2]);
    }

    @Test
    void anNgramWhoseSuffixIsElsewhereIsRefusedAsAPartitioningBug() {
        List<Tuple2<Gram, Long>> grams = List.of(g(1, 6, 5, 7));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HistoryTables.build(grams.iterator(), 3, BOS, 10));
        assertTrue(e.getMessage().contains("[6, 5, 7]"), e.getMessage());
    }
}
