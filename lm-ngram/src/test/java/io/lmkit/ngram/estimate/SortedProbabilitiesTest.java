package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.spill.SpillFolder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probabilities and backoffs estimated from sorted runs, forced to spill, equal the in-memory
 * estimator's bit for bit: every unigram's float64 and every higher n-gram's float32 log10 probability,
 * and every float64 log10 backoff; each order's n-grams, and the backoffs of the order below, come in trie
 * order (by word id), so that the model's tables need no sort of their own.
 */
class SortedProbabilitiesTest {

    @TempDir
    Path temp;

    @Test
    void everyProbabilityAndBackoffEqualsTheInMemoryModelsAfterManySpilledRuns() {
        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        for (KneserNey.Variant variant : KneserNey.Variant.values()) {
            for (KneserNey.DiscountStatistics statistics : KneserNey.DiscountStatistics.values()) {
                NgramModel model = KneserNey.estimate(NgramCounts.count(corpus, 4), variant, statistics);
                Vocabulary v = corpus.vocabulary();
                long[] compared = new long[5];
                long[] backoffs = new long[5];
                long[] asContexts = new long[5];
                int[][] lastNgram = new int[5][];
                int[][] lastContext = new int[5][];
                // For each order k, how many k-grams extend each context of order k−1.
                java.util.List<java.util.Map<java.util.List<Integer>, Long>> extending = new java.util.ArrayList<>();
                for (int k = 0; k <= 4; k++) {
                    java.util.Map<java.util.List<Integer>, Long> byContext = new java.util.HashMap<>();
                    if (k >= 2) {
                        model.forEachNgram(k, (words, p, bo) -> byContext.merge(
                                Arrays.stream(words, 0, words.length - 1).boxed().toList(), 1L, Long::sum));
                    }
                    extending.add(byContext);
                }
                try (SpillFolder folder = new SpillFolder(temp)) {
                    long memory = 4 * SortedCounts.minimumBytes(4);
                    SortedCounts counts = SortedCounts.count(corpus, 4, memory, folder, t -> { });
                    SortedDiscounts.Adjusted adjusted = SortedDiscounts.adjust(counts, variant, statistics, folder,
                            k -> { }, true);
                    SortedProbabilities.estimate(counts, adjusted, memory, folder, new SortedProbabilities.Sink() {
                        @Override
                        public void unigram(int word, double p) {
                            assertEquals(model.entry(word).orElseThrow().log10Prob(), Math.min(0.0, Math.log10(p)),
                                    0.0, () -> "p(" + v.word(word) + ")");
                            compared[1]++;
                        }

                        @Override
                        public void ngram(int k, int[] ids, float log10p) {
                            assertInTrieOrder(lastNgram, k, ids);
                            float expected = (float) model.entry(ids).orElseThrow(() -> new AssertionError(
                                    "the in-memory model lacks " + Arrays.toString(ids))).log10Prob();
                            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(log10p),
                                    () -> variant + " " + statistics + " p" + Arrays.toString(ids));
                            compared[k]++;
                        }

                        @Override
                        public void backoff(int k, int[] ids, double log10Backoff, int followers) {
                            assertInTrieOrder(lastContext, k, ids);
                            assertEquals(extending.get(k + 1).getOrDefault(Arrays.stream(ids).boxed().toList(), 0L).longValue(),
                                    (long) followers,
                                    () -> "n-grams extending " + Arrays.toString(ids));
                            if (followers > 0) {
                                assertArrayEquals(ids, Arrays.copyOf(lastNgram[k + 1], k),
                                        "a context's backoff comes after its n-grams");
                            }
                            assertEquals(model.entry(ids).orElseThrow().log10Backoff(), log10Backoff, 0.0,
                                    () -> variant + " " + statistics + " bo" + Arrays.toString(ids));
                            backoffs[k] += log10Backoff != 0 ? 1 : 0;
                            asContexts[k]++;
                        }
                    });
                }
                long[] sizes = model.ngramCounts();
                for (int k = 2; k <= 4; k++) {
                    assertEquals(sizes[k - 1], compared[k], "every " + k + "-gram once");
                }
                assertEquals(v.size(), compared[1]);
                assertEquals(v.size(), asContexts[1], "every word as a context once");
                for (int k = 2; k <= 3; k++) {
                    assertEquals(sizes[k - 1], asContexts[k], "every " + k + "-gram as a context once");
                }
                for (int k = 1; k <= 3; k++) {
                    long[] nonZero = new long[1];
                    model.forEachNgram(k, (words, p, bo) -> nonZero[0] += bo != 0 ? 1 : 0);
                    assertEquals(nonZero[0], backoffs[k], "every backoff of order " + k);
                }
                assertTrue(compared[4] > 10_000, compared[4] + " 4-grams");
            }
        }
    }

    @Test
    void aContextsTermsAreAddedInTheOrderTheyComeWhichIsTrieOrder() {
        // 0.5 + 2^-54 rounds back to 0.5 (a tie, to even); 2^-54 + 2^-54 is exact. So the sum of p(w|h) depends on
        // the order: the two small terms first give 0.5 + 2^-53, the large one first 0.5. The lower order's sum,
        // 0.5 + 2^-40 either way, puts the backoff near 1, where the 30 bits it keeps are fine enough to tell the
        // two apart. The terms come in trie order, the order BackoffNormalizer and lm-spark add them in.
        double tiny = Math.scalb(1.0, -54);
        double lowerTiny = Math.scalb(1.0, -40);
        SortedProbabilities.ContextTerms terms = new SortedProbabilities.ContextTerms();
        terms.add(tiny, lowerTiny);
        terms.add(tiny, 0);
        terms.add(0.5, 0.5);
        double smallFirst = BackoffNormalizer.log10Backoff(1 - (0.5 + 2 * tiny), 1 - (0.5 + lowerTiny));
        double largeFirst = BackoffNormalizer.log10Backoff(1 - 0.5, 1 - (0.5 + lowerTiny));
        assertTrue(smallFirst != largeFirst, smallFirst + " = " + largeFirst);
        assertEquals(3, terms.size());
        assertEquals(smallFirst, terms.log10Backoff(), 0.0);
        // Cleared: the next context starts from nothing.
        assertEquals(0, terms.size());
        terms.add(0.5, 0.5);
        terms.add(tiny, lowerTiny);
        terms.add(tiny, 0);
        assertEquals(largeFirst, terms.log10Backoff(), 0.0);
    }

    /** Fails unless {@code ids} follows the last ids of order k given (kept in {@code last[k]}) in trie order. */
    private static void assertInTrieOrder(int[][] last, int k, int[] ids) {
        if (last[k] != null) {
            assertTrue(Arrays.compare(last[k], ids) < 0, () -> Arrays.toString(ids) + " after "
                    + Arrays.toString(last[k]) + ": not in trie order");
        }
        last[k] = ids.clone();
    }
}
