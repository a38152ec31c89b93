package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.corpus.WordCounts;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text read into a corpus as bytes: the corpus the general reader makes, id for id. */
class Utf8CorpusTest {

    private static final Tokenizer WHITESPACE = new WhitespaceTokenizerProvider().create();

    @TempDir
    Path dir;

    private static Corpus general(Path file, Vocabulary v, InvalidUtf8 invalid) {
        return Corpus.read(file, new PlainTextSentences(WHITESPACE, invalid), v);
    }

    private static void assertSameCorpus(Corpus expected, Corpus actual) {
        assertEquals(expected.sentenceCount(), actual.sentenceCount());
        assertEquals(expected.wordCount(), actual.wordCount());
        assertEquals(expected.unknownWordCount(), actual.unknownWordCount());
        for (int s = 0; s < expected.sentenceCount(); s++) {
            assertArrayEquals(expected.sentence(s), actual.sentence(s), "sentence " + s);
        }
        assertEquals(expected.fingerprint(), actual.fingerprint());
    }

    @Test
    void aHostileTextGivesTheGeneralReadersCorpus() throws IOException {
        StringBuilder t = new StringBuilder("\uFEFFthe cat sat\r\n\n   \n\tcafé naïve dog\n");
        t.append("the\u00A0cat sat\u3000on zebra quokka <unk> mat\r\nodd\rreturn and\u000Bvertical tab\n");
        String[] words = {"the", "cat", "sat", "on", "mat", "café", "dog", "zebra"};
        for (int i = 0; i < 30_000; i++) {
            t.append(words[i % words.length]).append(i % 13 == 0 ? "\n" : i % 7 == 0 ? "\t " : " ");
            if (i == 20_000) {
                t.append("x".repeat(3 * LineChunks.CHUNK_BYTES)).append('\n'); // a line longer than a chunk
            }
        }
        t.append("no line end at the end");
        Path file = Files.writeString(dir.resolve("t.txt"), t.toString());
        assertTrue(Files.size(file) > 2 * LineChunks.CHUNK_BYTES);
        Vocabulary v = Vocabulary.fromCounts(WordCounts.of(file, new PlainTextSentences(WHITESPACE)), 2, 6);
        Optional<Corpus> bytes = Utf8Corpus.read(file, v, WHITESPACE, InvalidUtf8.FAIL);
        assertTrue(bytes.isPresent());
        assertSameCorpus(general(file, v, InvalidUtf8.FAIL), bytes.get());
        assertTrue(bytes.get().unknownWordCount() > 0);
    }

    @Test
    void invalidUtf8IsReplacedAsAskedOrLeftToTheGeneralReader() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'a', ' ', (byte) 0xC3, ' ', 'b', '\n', 'b', ' ', 'a', '\n'});
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L, "b", 1L), 1, 10);
        assertSameCorpus(general(file, v, InvalidUtf8.REPLACE), Utf8Corpus.read(file, v, WHITESPACE,
                InvalidUtf8.REPLACE).orElseThrow());
        assertThrows(Utf8Sentences.NotHandled.class, () -> Utf8Corpus.read(file, v, WHITESPACE, InvalidUtf8.FAIL));
    }

    @Test
    void reservedWordsAndEmptyTextsAreLeftToTheGeneralReader() throws IOException {
        Vocabulary v = Vocabulary.fromCounts(Map.of("a", 1L), 1, 10);
        Path bos = Files.writeString(dir.resolve("bos.txt"), "a\n<s> a\n");
        assertThrows(Utf8Sentences.NotHandled.class, () -> Utf8Corpus.read(bos, v, WHITESPACE, InvalidUtf8.FAIL));
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n\t\n");
        assertEquals(Optional.empty(), Utf8Corpus.read(blank, v, WHITESPACE, InvalidUtf8.FAIL));
        Path single = Files.writeString(dir.resolve("one.txt"), "a");
        assertSameCorpus(general(single, v, InvalidUtf8.FAIL), Utf8Corpus.read(single, v, WHITESPACE,
                InvalidUtf8.FAIL).orElseThrow());
    }
}
