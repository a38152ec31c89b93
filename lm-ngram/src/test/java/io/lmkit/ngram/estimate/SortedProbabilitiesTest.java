package io.lmkit.ngram.estimate;

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
 * and every float64 log10 backoff.
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
                        public void ngram(int k, int[] ranks, double p) {
                            int[] ids = Arrays.stream(ranks).map(counts::word).toArray();
                            float expected = (float) model.entry(ids).orElseThrow(() -> new AssertionError(
                                    "the in-memory model lacks " + Arrays.toString(ids))).log10Prob();
                            assertEquals(Float.floatToIntBits(expected),
                                    Float.floatToIntBits((float) Math.min(0.0, Math.log10(p))),
                                    () -> variant + " " + statistics + " p" + Arrays.toString(ids));
                            compared[k]++;
                        }

                        @Override
                        public void backoff(int k, int[] ranks, double log10Backoff) {
                            int[] ids = Arrays.stream(ranks).map(counts::word).toArray();
                            assertEquals(model.entry(ids).orElseThrow().log10Backoff(), log10Backoff, 0.0,
                                    () -> variant + " " + statistics + " bo" + Arrays.toString(ids));
                            backoffs[k] += log10Backoff != 0 ? 1 : 0;
                        }
                    });
                }
                long[] sizes = model.ngramCounts();
                for (int k = 2; k <= 4; k++) {
                    assertEquals(sizes[k - 1], compared[k], "every " + k + "-gram once");
                }
                assertEquals(v.size(), compared[1]);
                for (int k = 1; k <= 3; k++) {
                    long[] nonZero = new long[1];
                    model.forEachNgram(k, (words, p, bo) -> nonZero[0] += bo != 0 ? 1 : 0);
                    assertEquals(nonZero[0], backoffs[k], "every backoff of order " + k);
                }
                assertTrue(compared[4] > 10_000, compared[4] + " 4-grams");
            }
        }
    }
}
