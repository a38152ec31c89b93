package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting and discounts in bounded memory equal the in-memory estimation's: forced to spill many
 * sorted runs, every n-gram's count is NgramCounts' and the discounts are KneserNey's, bit for bit.
 */
class SortedDiscountsTest {

    @TempDir
    Path temp;

    /** 3,000 sentences over 400 words with skewed, context-dependent frequencies and rare words (seed 12). */
    static Corpus skewedCorpus() {
        SplittableRandom random = new SplittableRandom(12);
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 3000; s++) {
            List<String> words = new ArrayList<>();
            int previous = 0;
            for (int i = 0, n = 1 + random.nextInt(15); i < n; i++) {
                int r = random.nextInt(400);
                previous = (r * r / 400 + previous * 3) % 400;
                words.add(random.nextInt(30) == 0 ? "rare" + random.nextInt(5000) : "w" + previous);
            }
            sentences.add(words);
        }
        Map<String, Long> counts = new HashMap<>();
        sentences.forEach(s -> s.forEach(w -> counts.merge(w, 1L, Long::sum)));
        return Corpus.of(Vocabulary.fromCounts(counts, 2, Integer.MAX_VALUE), sentences);
    }

    @Test
    void theWindowsCountedAreEveryNgramOfTheHighestOrderAndTheSentenceStartsBelowItWithTheInMemoryCounts()
            throws IOException {
        Corpus corpus = skewedCorpus();
        NgramCounts expected = NgramCounts.count(corpus, 4);
        try (SpillFolder folder = new SpillFolder(temp)) {
            SortedCounts sorted = SortedCounts.count(corpus, 4, SortedCounts.minimumBytes(4), folder, t -> { });
            assertTrue(sorted.spilledRuns() > 40, sorted.spilledRuns() + " runs");
            for (int k = 1; k <= 4; k++) {
                long seen = 0;
                try (RecordSource s = sorted.windows(k)) {
                    while (s.next()) {
                        int[] ids = new int[k];
                        for (int i = 0; i < k; i++) {
                            ids[i] = sorted.word(s.words()[i]);
                        }
                        assertTrue(k == 4 || ids[0] == corpus.vocabulary().bos(),
                                () -> "below the highest order only sentence starts: " + java.util.Arrays.toString(ids));
                        assertEquals(expected.occurrences(k, find(expected, ids)), s.count(),
                                () -> "count of " + java.util.Arrays.toString(ids));
                        seen++;
                    }
                }
                long windows = 0;
                for (int id = 0; k > 1 && id < expected.size(k); id++) {
                    windows += k == 4 || expected.startsWithBos(k, id) ? 1 : 0;
                }
                assertEquals(windows, seen, "order " + k + ": every such n-gram once");
            }
        }
    }

    private static int find(NgramCounts counts, int[] words) {
        int id = words[0];
        for (int k = 2; k <= words.length; k++) {
            id = counts.find(k, id, words[k - 1]);
            assertTrue(id >= 0, "the in-memory counts have " + java.util.Arrays.toString(words));
        }
        return id;
    }

    @Test
    void discountsEqualTheInMemoryEstimationsForEveryVariantAndStatistics() {
        Corpus corpus = skewedCorpus();
        NgramCounts inMemory = NgramCounts.count(corpus, 4);
        for (KneserNey.Variant variant : KneserNey.Variant.values()) {
            for (KneserNey.DiscountStatistics statistics : KneserNey.DiscountStatistics.values()) {
                try (SpillFolder folder = new SpillFolder(temp)) {
                    SortedCounts sorted = SortedCounts.count(corpus, 4, 2 * SortedCounts.minimumBytes(4), folder,
                            t -> { });
                    List<Integer> passes = new ArrayList<>();
                    Discounts[] streamed = SortedDiscounts.discounts(sorted, variant, statistics, folder, passes::add);
                    assertArrayEquals(KneserNey.discounts(inMemory, variant, statistics), streamed,
                            variant + " " + statistics);
                    assertEquals(List.of(4, 3, 2, 1), passes, "one pass per order, from the highest down");
                }
            }
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "no temporary file outlives an estimation");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void brownsOrderFiveDiscountsInFourMegabytesEqualTheInMemoryOnes() {
        Corpus train = BrownSplits.prepare(SharedData.require("brown")).corpus(BrownSplits.Split.TRAIN);
        NgramCounts inMemory = NgramCounts.count(train, 5);
        try (SpillFolder folder = new SpillFolder(temp)) {
            SortedCounts sorted = SortedCounts.count(train, 5, 4 << 20, folder, t -> { });
            assertTrue(sorted.spilledRuns() > 50, sorted.spilledRuns() + " runs");
            assertArrayEquals(KneserNey.discounts(inMemory, KneserNey.Variant.MODIFIED,
                            KneserNey.DiscountStatistics.LMPLZ),
                    SortedDiscounts.discounts(sorted, KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.LMPLZ,
                            folder, k -> { }));
        }
    }

    @Test
    void tooLittleMemoryIsOneLineNamingTheLeastThatWorks() {
        try (SpillFolder folder = new SpillFolder(temp)) {
            LmkitException e = assertThrows(LmkitException.class,
                    () -> SortedCounts.count(skewedCorpus(), 5, 64 << 10, folder, t -> { }));
            assertEquals("memory=64.0 KiB is too small to count the n-grams of orders 1-5: sorting them needs at least"
                    + " 101.3 KiB; give memory= of at least that (e.g. memory=1m)", e.getMessage());
        }
    }
}
