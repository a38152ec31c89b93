package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    private final SentenceReader plain = new PlainTextSentences(new WhitespaceTokenizerProvider().create());

    @Test
    void aCorpusIsIdsAndSentenceOffsetsWithBoundariesImplied(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), "I am Sam\n\n   \nSam I am\nI do not like green eggs\n");
        Map<String, Long> counts = WordCounts.of(file, plain);
        assertEquals(2L, counts.get("Sam"));
        assertEquals(3L, counts.get("I"));
        Vocabulary v = Vocabulary.fromCounts(counts, 2, Integer.MAX_VALUE);
        Corpus c = Corpus.read(file, plain, v);
        assertEquals(3, c.sentenceCount(), "blank lines are not sentences");
        assertEquals(12, c.wordCount());
        assertEquals(15, c.tokenCount(), "words plus one </s> per sentence");
        assertEquals(5, c.unknownWordCount(), "do not like green eggs");
        assertArrayEquals(new int[] {v.id("I"), v.id("am"), v.id("Sam")}, c.sentence(0));
        assertArrayEquals(new int[] {v.id("I"), 0, 0, 0, 0, 0}, c.sentence(2));
        assertEquals(6, c.sentenceLength(2));
        assertEquals(6, c.sentenceStart(2));
        assertEquals(v.id("Sam"), c.wordAt(3));
    }

    @Test
    void oneReadingWithItsOwnVocabularyGivesTheCorpusOfTwoReadings(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat\n\nthe dog <unk> sat\n"
                + "a cat a dog a mat\nzebra\n  on the  mat  \nthe end\n");
        long[] minCounts = {1, 2, 3};
        int[] maxima = {Integer.MAX_VALUE, 3, 1, 0};
        for (long minCount : minCounts) {
            for (int max : maxima) {
                Corpus twice = Corpus.read(file, plain, Vocabulary.fromCounts(WordCounts.of(file, plain), minCount, max));
                Corpus once = Corpus.readWithOwnVocabulary(file, plain, minCount, max);
                String setting = "min count " + minCount + ", at most " + max;
                assertEquals(twice.vocabulary().words(), once.vocabulary().words(), setting);
                assertEquals(twice.sentenceCount(), once.sentenceCount(), setting);
                for (int s = 0; s < twice.sentenceCount(); s++) {
                    assertArrayEquals(twice.sentence(s), once.sentence(s), setting + ", sentence " + s);
                }
                assertEquals(twice.unknownWordCount(), once.unknownWordCount(), setting);
                assertEquals(twice.fingerprint(), once.fingerprint(), setting);
            }
        }
        Corpus all = Corpus.readWithOwnVocabulary(file, plain, 1, Integer.MAX_VALUE);
        assertEquals(0, all.unknownWordCount(), "a written <unk> is not an unknown word");
        Corpus frequent = Corpus.readWithOwnVocabulary(file, plain, 3, Integer.MAX_VALUE);
        assertEquals(List.of("<unk>", "<s>", "</s>", "the", "a", "mat"), frequent.vocabulary().words());
        assertEquals(10, frequent.unknownWordCount(), "cat, sat, on and dog twice each, zebra and end; not <unk>");
    }

    @Test
    void oneReadingRefusesTheReservedSymbolsAsTwoReadingsDo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), "a b\nc </s> d\n");
        LmkitException once = assertThrows(LmkitException.class,
                () -> Corpus.readWithOwnVocabulary(file, plain, 1, Integer.MAX_VALUE));
        LmkitException twice = assertThrows(LmkitException.class, () -> Corpus.read(file, plain,
                Vocabulary.fromCounts(WordCounts.of(file, plain), 1, Integer.MAX_VALUE)));
        assertEquals(twice.getMessage(), once.getMessage());
        assertTrue(once.getMessage().contains("t.txt:2: the text contains the reserved symbol </s>"), once.getMessage());
        LmkitException limits = assertThrows(LmkitException.class,
                () -> Corpus.readWithOwnVocabulary(dir.resolve("missing.txt"), plain, 0, 10));
        assertEquals("minimum count must be at least 1, got 0", limits.getMessage(), "checked before the file");
    }

    @Test
    void theFingerprintChangesWithTheSentenceBoundaries() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L), 1, 10);
        Corpus oneSentence = Corpus.of(v, List.of(List.of("a", "b")));
        Corpus twoSentences = Corpus.of(v, List.of(List.of("a"), List.of("b")));
        assertNotEquals(oneSentence.fingerprint(), twoSentences.fingerprint());
        assertEquals(oneSentence.fingerprint(), Corpus.of(v, List.of(List.of("a", "b"))).fingerprint());
    }

    @Test
    void aCorpusOfIdsIsTheCorpusOfTheSameWords() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L, "c", 1L), 1, 10);
        Corpus words = Corpus.of(v, List.of(List.of("a", "zebra"), List.of("c"), List.of("b", "c", "a")));
        int[] ids = {v.id("a"), v.unk(), v.id("c"), v.id("b"), v.id("c"), v.id("a")};
        Corpus fromIds = Corpus.ofIds(v, ids, new int[] {0, 2, 3, 6}, 1);
        assertEquals(words.fingerprint(), fromIds.fingerprint());
        assertEquals(words.tokenCount(), fromIds.tokenCount());
        assertEquals(1, fromIds.unknownWordCount());
        ids[0] = v.id("b");
        assertArrayEquals(new int[] {v.id("a"), v.unk()}, fromIds.sentence(0), "the arrays are copied");
    }

    @Test
    void aCorpusOfIdsRefusesBoundariesInsideSentencesAndStartsThatDoNotCoverTheIds() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L), 1, 10);
        int a = v.id("a");
        assertThrows(IllegalArgumentException.class, () -> Corpus.ofIds(v, new int[] {a, v.eos()}, new int[] {0, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> Corpus.ofIds(v, new int[] {a, 99}, new int[] {0, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> Corpus.ofIds(v, new int[] {a, a}, new int[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Corpus.ofIds(v, new int[] {a, a}, new int[] {0, 0, 2}, 0),
                "an empty sentence");
        assertThrows(IllegalArgumentException.class, () -> Corpus.ofIds(v, new int[] {a}, new int[] {0, 1}, -1));
    }

    @Test
    void sliceCopiesARangeOfSentences() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L, "c", 1L), 1, 10);
        Corpus c = Corpus.of(v, List.of(List.of("a"), List.of("b", "c"), List.of("c")));
        Corpus s = c.slice(1, 3);
        assertEquals(2, s.sentenceCount());
        assertArrayEquals(c.sentence(1), s.sentence(0));
        assertArrayEquals(c.sentence(2), s.sentence(1));
    }

    @Test
    void everyNthSamplesSentencesAcrossTheWholeCorpus() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L, "c", 1L), 1, 10);
        Corpus c = Corpus.of(v, List.of(List.of("a"), List.of("b", "c"), List.of("c"), List.of(), List.of("a", "b"),
                List.of("b")));
        Corpus every2 = c.everyNth(2);
        assertEquals(3, every2.sentenceCount());
        assertArrayEquals(c.sentence(0), every2.sentence(0));
        assertArrayEquals(c.sentence(2), every2.sentence(1));
        assertArrayEquals(c.sentence(4), every2.sentence(2));
        assertEquals(1 + 1 + 2 + 3, every2.tokenCount(), "each sentence's words and its </s>");
        Corpus every3 = c.everyNth(3);
        assertEquals(2, every3.sentenceCount());
        assertEquals(0, every3.sentenceLength(1), "an empty sentence is kept");
        assertEquals(c.fingerprint(), c.everyNth(1).fingerprint());
        assertThrows(IllegalArgumentException.class, () -> c.everyNth(0));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreAccepted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("crlf.txt");
        Files.write(file, "\uFEFFa b\r\nb a\r\n".getBytes(StandardCharsets.UTF_8));
        Vocabulary v = Vocabulary.fromCounts(WordCounts.of(file, plain), 1, 10);
        assertEquals(List.of("<unk>", "<s>", "</s>", "a", "b"), v.words());
        assertEquals(2, Corpus.read(file, plain, v).sentenceCount());
    }

    @Test
    void invalidUtf8IsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "ok line\nna\u00EFve\n".getBytes(StandardCharsets.ISO_8859_1));
        String m = assertThrows(LmkitException.class, () -> WordCounts.of(file, plain)).getMessage();
        assertTrue(m.contains(file + ":2") && m.contains("not valid UTF-8 (byte offset 10)"), m);
    }

    @Test
    void reservedBoundarySymbolsInTextAreRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("s.txt"), "a b\n<s> a b </s>\n");
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L), 1, 10);
        String m = assertThrows(LmkitException.class, () -> Corpus.read(file, plain, v)).getMessage();
        assertTrue(m.contains(file + ":2") && m.contains("<s>"), m);
    }

    @Test
    void aMissingOrEmptyCorpusGetsAClearError(@TempDir Path dir) throws IOException {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L), 1, 10);
        String m = assertThrows(LmkitException.class, () -> Corpus.read(dir.resolve("x.txt"), plain, v)).getMessage();
        assertTrue(m.contains("does not exist"), m);
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
        Corpus empty = Corpus.read(blank, plain, v);
        m = assertThrows(LmkitException.class, () -> empty.requireNonEmpty("training file " + blank)).getMessage();
        assertTrue(m.contains(blank.toString()) && m.contains("no sentences"), m);
    }
}
