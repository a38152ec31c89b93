package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modified Kneser-Ney estimated in bounded memory equals the in-memory estimator's model: the same
 * n-grams of every order with bit-identical probabilities and backoffs, compared entry by entry.
 */
class SortedEstimationTest {

    @TempDir
    Path temp;

    /** Every n-gram of {@code expected} is in {@code actual} with the same bits, and the sizes agree. */
    static void assertSameTables(NgramModel expected, NgramModel actual) {
        assertArrayEquals(expected.ngramCounts(), actual.ngramCounts(), "n-grams per order");
        for (int k = 1; k <= expected.order(); k++) {
            int order = k;
            expected.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                NgramModel.Entry e = actual.entry(words).orElseThrow(() -> new AssertionError("order " + order
                        + " lacks " + Arrays.toString(words)));
                assertEquals(Double.doubleToRawLongBits(log10Prob), Double.doubleToRawLongBits(e.log10Prob()),
                        () -> "log10 p" + Arrays.toString(words));
                assertEquals(Double.doubleToRawLongBits(log10Backoff), Double.doubleToRawLongBits(e.log10Backoff()),
                        () -> "log10 bo" + Arrays.toString(words));
            });
        }
    }

    @Test
    void aSmallMemoryThatSpillsManyRunsGivesTheInMemoryModelForEveryVariant() throws IOException {
        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        for (KneserNey.Variant variant : KneserNey.Variant.values()) {
            for (KneserNey.DiscountStatistics statistics : KneserNey.DiscountStatistics.values()) {
                List<String> passes = new ArrayList<>();
                NgramModel sorted = SortedEstimation.estimate(corpus, 4, variant, statistics,
                        4 * SortedCounts.minimumBytes(4), temp, passes::add);
                assertSameTables(KneserNey.estimate(NgramCounts.count(corpus, 4), variant, statistics), sorted);
                assertEquals(List.of("counting in sorted runs", "adjusted counts and discounts",
                        "probabilities and backoffs"), passes);
            }
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the temporary folder is removed");
        }
    }

    @Test
    void brownsOrderFiveModelInSixteenMegabytesEqualsTheInMemoryOne() {
        Corpus train = BrownSplits.prepare(SharedData.require("brown")).corpus(BrownSplits.Split.TRAIN);
        NgramModel sorted = SortedEstimation.estimate(train, 5, KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ, 16 << 20, temp, pass -> { });
        assertSameTables(KneserNey.estimate(NgramCounts.count(train, 5), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ), sorted);
    }
}
