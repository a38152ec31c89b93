package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modified Kneser-Ney estimated in bounded memory equals the in-memory estimator's model: the same
 * n-grams of every order with bit-identical probabilities and backoffs, compared entry by entry, and the
 * same bytes as the in-memory model converted to the trie layout, the layout bounded estimation writes.
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
                        SortedEstimation.corpusBytes(corpus) + 4 * SortedCounts.minimumBytes(4), temp,
                        passes::add);
                NgramModel inMemory = KneserNey.estimate(NgramCounts.count(corpus, 4), variant, statistics);
                assertSameTables(inMemory, sorted);
                assertSameData(inMemory.withLayout(NgramLayout.TRIE), sorted);
                assertEquals(List.of("counting in sorted runs", "adjusted counts and discounts",
                        "probabilities and backoffs", "writing the model's tables"), passes);
            }
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the temporary folder is removed");
        }
    }

    /** The model data entries {@code model} writes, by name. */
    static Map<String, byte[]> dataOf(NgramModel model) throws IOException {
        Map<String, ByteArrayOutputStream> entries = new TreeMap<>();
        model.writeData(name -> entries.computeIfAbsent(name, n -> new ByteArrayOutputStream()));
        Map<String, byte[]> bytes = new TreeMap<>();
        entries.forEach((name, out) -> bytes.put(name, out.toByteArray()));
        return bytes;
    }

    /** The two models write the same data entries, byte for byte. */
    static void assertSameData(NgramModel expected, NgramModel actual) throws IOException {
        Map<String, byte[]> e = dataOf(expected);
        Map<String, byte[]> a = dataOf(actual);
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name), a.get(name), name);
        }
    }

    @Test
    void theTablesAreWrittenInTheTrieLayoutAndSortedByWordIdWhenTheCorpusNumbersWordsOtherwise() throws IOException {
        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        NgramModel sorted = SortedEstimation.estimate(corpus, 3, KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.TEXTBOOK,
                SortedEstimation.corpusBytes(corpus) + 4 * SortedCounts.minimumBytes(3), temp, pass -> { });
        assertEquals(NgramLayout.TRIE, sorted.layout());
        NgramModel inMemory = KneserNey.estimate(NgramCounts.count(corpus, 3), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.TEXTBOOK);
        assertSameData(inMemory.withLayout(NgramLayout.TRIE), sorted);
        // Scoring reads the mapped tables after their folder is gone.
        assertEquals(inMemory.entry(corpus.wordAt(0), corpus.wordAt(1)), sorted.entry(corpus.wordAt(0),
                corpus.wordAt(1)));
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the temporary folder is removed");
        }
    }

    @Test
    void whenTheCorpusFirstUsesTheWordsInIdOrderTheTablesAreTheSame() throws IOException {
        List<String> ids = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<List<String>> sentences = new ArrayList<>();
        sentences.add(new ArrayList<>());
        for (int w = 0; w < 60; w++) {
            ids.add("w" + w);
            sentences.get(0).add("w" + w);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int s = 0; s < 2000; s++) {
            List<String> words = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                int r = random.nextInt(60);
                words.add("w" + (r * r / 60));
            }
            sentences.add(words);
        }
        Corpus corpus = Corpus.of(io.lmkit.core.vocab.Vocabulary.ofWords(ids), sentences);
        NgramModel sorted = SortedEstimation.estimate(corpus, 4, KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ,
                SortedEstimation.corpusBytes(corpus) + 4 * SortedCounts.minimumBytes(4), temp, pass -> { });
        assertSameData(KneserNey.estimate(NgramCounts.count(corpus, 4), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ).withLayout(NgramLayout.TRIE), sorted);
    }

    @Test
    void prunedInSortedRunsAsLmplzPrunesItIsTheInMemoryPrunedModel() throws IOException {
        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        for (String thresholds : new String[] {"0 1", "0 0 1", "0 1 1 2", "0 0 0 3"}) {
            Pruning pruning = Pruning.parse(thresholds);
            for (KneserNey.Variant variant : KneserNey.Variant.values()) {
                NgramModel inMemory = KneserNey.estimate(NgramCounts.count(corpus, 4), variant,
                        KneserNey.DiscountStatistics.LMPLZ, pruning);
                NgramModel sorted = SortedEstimation.estimate(corpus, 4, variant, KneserNey.DiscountStatistics.LMPLZ,
                        pruning, SortedEstimation.corpusBytes(corpus) + 4 * SortedCounts.minimumBytes(4), temp,
                        pass -> { });
                assertSameTables(inMemory, sorted);
                assertSameData(inMemory.withLayout(NgramLayout.TRIE), sorted);
                assertTrue(sorted.ngramCounts()[3] < KneserNey.estimate(NgramCounts.count(corpus, 4), variant,
                        KneserNey.DiscountStatistics.LMPLZ).ngramCounts()[3], thresholds + " prunes 4-grams");
            }
        }
    }

    @Test
    void aMemoryLargerThanTheHeapFailsBeforeAnyRunNamingTheHeapItNeeds() throws IOException {
        io.lmkit.core.LmkitException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.lmkit.core.LmkitException.class, () -> SortedEstimation.requireHeapFor(4L << 30, 3L << 30, 16L << 30));
        assertEquals("memory=4.0 GiB is more than the Java heap holds (at most 3.0 GiB); give the JVM memory= and an"
                + " eighth more (LMKIT_JAVA_OPTS=-Xmx4864m, which the lmkit command sets itself where the machine has it"
                + " and LMKIT_JAVA_OPTS names no heap size), or a smaller memory=", e.getMessage());
        SortedEstimation.requireHeapFor(4L << 30, 4L << 30, 16L << 30);
        SortedEstimation.requireHeapFor(4L << 30, 4L << 30, 0);
        e = org.junit.jupiter.api.Assertions.assertThrows(io.lmkit.core.LmkitException.class,
                () -> SortedEstimation.requireHeapFor(64L << 30, 70L << 30, 24L << 30));
        assertEquals("memory=64.0 GiB is more than this machine's memory (24.0 GiB); give a memory= that the machine"
                + " can spare beside an eighth more and 256 MB for the rest of the heap, as lmplz's -S", e.getMessage(),
                "a heap the machine does not have would end in the kernel's out-of-memory killer, not in a message");

        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        long beyondThisHeap = Runtime.getRuntime().maxMemory() + (1L << 30);
        e = org.junit.jupiter.api.Assertions.assertThrows(io.lmkit.core.LmkitException.class,
                () -> SortedEstimation.estimate(corpus, 3, KneserNey.Variant.MODIFIED,
                        KneserNey.DiscountStatistics.TEXTBOOK, beyondThisHeap, temp, p -> { }));
        assertTrue(e.getMessage().startsWith("memory=" + io.lmkit.core.MemoryBudget.format(beyondThisHeap)
                + " is more than the Java heap holds"), e.getMessage());
        try (var left = java.nio.file.Files.list(temp)) {
            assertEquals(0, left.count(), "no temporary folder was made");
        }
    }

    @Test
    void theMemoryHoldsTheCorpusToo() {
        Corpus corpus = SortedDiscountsTest.skewedCorpus();
        long least = SortedEstimation.corpusBytes(corpus) + SortedCounts.minimumBytes(3);
        assertEquals(4L * (corpus.wordCount() + corpus.sentenceCount() + 1), SortedEstimation.corpusBytes(corpus));
        io.lmkit.core.LmkitException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.lmkit.core.LmkitException.class, () -> SortedEstimation.estimate(corpus, 3,
                        KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.TEXTBOOK, least - 1, temp, p -> { }));
        assertTrue(e.getMessage().contains("give memory= of at least "
                + io.lmkit.core.MemoryBudget.format(least)), e.getMessage());
        SortedEstimation.estimate(corpus, 3, KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.TEXTBOOK, least,
                temp, p -> { });
    }

    @Test
    void brownsOrderFiveModelInSixteenMegabytesEqualsTheInMemoryOne() throws IOException {
        Corpus train = BrownSplits.prepare(SharedData.require("brown")).corpus(BrownSplits.Split.TRAIN);
        NgramModel sorted = SortedEstimation.estimate(train, 5, KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ, SortedEstimation.corpusBytes(train) + (16 << 20), temp,
                pass -> { });
        NgramModel inMemory = KneserNey.estimate(NgramCounts.count(train, 5), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ);
        assertSameTables(inMemory, sorted);
        assertSameData(inMemory.withLayout(NgramLayout.TRIE), sorted);
    }
}
