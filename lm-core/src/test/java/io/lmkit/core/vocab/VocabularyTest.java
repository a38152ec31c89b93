package io.lmkit.core.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    private static final Map<String, Long> COUNTS = Map.of("the", 5L, "cat", 2L, "sat", 2L, "mat", 1L, "a", 3L);

    @Test
    void reservedSymbolsHaveFixedIdsAndWordsFollowByDecreasingCount() {
        Vocabulary v = Vocabulary.fromCounts(COUNTS, 1, Integer.MAX_VALUE);
        assertEquals(List.of("<unk>", "<s>", "</s>", "the", "a", "cat", "sat", "mat"), v.words());
        assertEquals(0, v.unk());
        assertEquals(1, v.bos());
        assertEquals(2, v.eos());
        assertEquals(8, v.size());
        assertEquals(7, v.predictedCount(), "everything but <s> is predicted");
    }

    @Test
    void lookupWorksBothWaysAndUnknownWordsMapToUnk() {
        Vocabulary v = Vocabulary.fromCounts(COUNTS, 1, Integer.MAX_VALUE);
        for (int id = 0; id < v.size(); id++) {
            assertEquals(id, v.id(v.word(id)));
        }
        assertEquals(v.unk(), v.id("dog"));
        assertFalse(v.contains("dog"));
        assertTrue(v.contains("cat"));
        assertThrows(IndexOutOfBoundsException.class, () -> v.word(8));
    }

    @Test
    void minimumCountAndMaximumSizeLimitTheWords() {
        assertEquals(List.of("<unk>", "<s>", "</s>", "the", "a", "cat", "sat"),
                Vocabulary.fromCounts(COUNTS, 2, Integer.MAX_VALUE).words());
        assertEquals(List.of("<unk>", "<s>", "</s>", "the", "a"), Vocabulary.fromCounts(COUNTS, 1, 2).words());
        assertThrows(LmkitException.class, () -> Vocabulary.fromCounts(COUNTS, 0, 10));
    }

    @Test
    void reservedSymbolsInTheCountsKeepTheirIds() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("<unk>", 100L, "</s>", 50L, "x", 1L), 1, Integer.MAX_VALUE);
        assertEquals(List.of("<unk>", "<s>", "</s>", "x"), v.words());
    }

    @Test
    void savedVocabularyLoadsBackEqual(@TempDir Path dir) {
        Vocabulary v = Vocabulary.fromCounts(Map.of("über", 3L, "naïve", 2L, "日本", 1L), 1, Integer.MAX_VALUE);
        Path file = dir.resolve("vocab.txt");
        v.save(file);
        Vocabulary back = Vocabulary.load(file);
        assertEquals(v, back);
        assertEquals(v.fingerprint(), back.fingerprint());
    }

    @Test
    void malformedVocabularyFilesAreRejectedWithTheFileAndProblem(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertTrue(assertThrows(LmkitException.class, () -> Vocabulary.load(missing)).getMessage()
                .contains("does not exist"));
        Path noReserved = Files.writeString(dir.resolve("a.txt"), "the\ncat\n");
        String m = assertThrows(LmkitException.class, () -> Vocabulary.load(noReserved)).getMessage();
        assertTrue(m.contains(noReserved.toString()) && m.contains("<unk>"), m);
        Path blank = Files.writeString(dir.resolve("b.txt"), "<unk>\n<s>\n</s>\n\nx\n");
        m = assertThrows(LmkitException.class, () -> Vocabulary.load(blank)).getMessage();
        assertTrue(m.contains(":4:"), m);
        Path duplicate = Files.writeString(dir.resolve("c.txt"), "<unk>\n<s>\n</s>\nx\nx\n");
        m = assertThrows(LmkitException.class, () -> Vocabulary.load(duplicate)).getMessage();
        assertTrue(m.contains("'x' twice"), m);
    }

    @Test
    void invalidUtf8InAVocabularyFileNamesTheLineAndByteOffsetAsCorpusFilesDo(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("vocab.txt");
        Files.write(latin1, "<unk>\n<s>\n</s>\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String m = assertThrows(LmkitException.class, () -> Vocabulary.load(latin1)).getMessage();
        assertEquals(latin1 + ":4: the file is not valid UTF-8 (byte offset 18); convert it to UTF-8, e.g. with"
                + " iconv -f latin1 -t utf-8", m);
    }
}
