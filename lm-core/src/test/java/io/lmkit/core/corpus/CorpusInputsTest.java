package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defined behaviour of the corpus reader on awkward input (see docs/RELIABILITY.md): empty
 * files and blank-only files read as no sentences (which training refuses by name), invalid UTF-8
 * fails with the line and byte offset unless replacement is asked for, a single 50 MB line reads in
 * linear time, a line over the line limit is refused naming the limit, and Windows line endings and
 * a byte-order mark read as if absent.
 */
class CorpusInputsTest {

    private final PlainTextSentences plain = new PlainTextSentences(new WhitespaceTokenizerProvider().create());
    private final Vocabulary ab = Vocabulary.fromCounts(Map.of("a", 2L, "b", 1L), 1, 10);

    @TempDir
    Path dir;

    private List<List<String>> sentences(Path file, SentenceReader reader) {
        List<List<String>> out = new ArrayList<>();
        reader.read(file, (words, line) -> out.add(words));
        return out;
    }

    @Test
    void anEmptyFileHasNoSentencesAndTrainingOnItIsRefusedByName() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertEquals(List.of(), sentences(empty, plain));
        Corpus c = Corpus.read(empty, plain, ab);
        assertEquals(0, c.sentenceCount());
        String m = assertThrows(LmkitException.class, () -> c.requireNonEmpty("training file " + empty)).getMessage();
        assertEquals("training file " + empty + " has no sentences (it is empty or only blank lines); give a file"
                + " with one sentence per line", m);
    }

    @Test
    void aFileOfOnlyBlankLinesIsLikeAnEmptyOne() throws IOException {
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n\n   \n\t\r\n\u00A0\n");
        assertEquals(List.of(), sentences(blank, plain));
        assertEquals(0, Corpus.read(blank, plain, ab).sentenceCount());
    }

    @Test
    void invalidUtf8FailsWithTheLineAndByteOffset() throws IOException {
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', ' ', 'b', '\n', 'b', ' ', (byte) 0xC3, '(',
            '\n'});
        String m = assertThrows(LmkitException.class, () -> sentences(bad, plain)).getMessage();
        assertTrue(m.startsWith(bad + ":2: the file is not valid UTF-8 (byte offset 6)"), m);
        assertTrue(m.contains("iconv"), m);
    }

    @Test
    void invalidUtf8IsReplacedWhenAskedFor() throws IOException {
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', ' ', (byte) 0xFF, 'b', '\n', (byte) 0xC3, '\n'});
        PlainTextSentences lenient = new PlainTextSentences(new WhitespaceTokenizerProvider().create(),
                InvalidUtf8.REPLACE);
        assertEquals(List.of(List.of("a", "\uFFFDb"), List.of("\uFFFD")), sentences(bad, lenient));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkReadAsIfAbsent() throws IOException {
        Path unix = Files.writeString(dir.resolve("unix.txt"), "a b\nb a\n");
        Path windows = Files.write(dir.resolve("windows.txt"), "\uFEFFa b\r\nb a\r\n".getBytes(StandardCharsets.UTF_8));
        Path noFinalNewline = Files.writeString(dir.resolve("last.txt"), "a b\r\nb a");
        assertEquals(sentences(unix, plain), sentences(windows, plain));
        assertEquals(sentences(unix, plain), sentences(noFinalNewline, plain));
        assertEquals(Corpus.read(unix, plain, ab).fingerprint(), Corpus.read(windows, plain, ab).fingerprint());
    }

    @Test
    void aByteOrderMarkCountsInTheByteOffsetsOfErrors() throws IOException {
        Path bad = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ' ',
            (byte) 0xFF, '\n'});
        String m = assertThrows(LmkitException.class, () -> sentences(bad, plain)).getMessage();
        assertTrue(m.contains(":1: the file is not valid UTF-8 (byte offset 5)"), m);
    }

    @Test
    void aSingleFiftyMegabyteLineIsReadInLinearTime() throws IOException {
        // 50 MB of "w0 w1 ... w99 w0 ..." on one line, no newline: 100 distinct words, about 12 million tokens.
        Path huge = dir.resolve("huge.txt");
        long tokens = 0;
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(huge), 1 << 16)) {
            while (bytes < 50_000_000) {
                byte[] word = ("w" + (tokens % 100) + " ").getBytes(StandardCharsets.US_ASCII);
                out.write(word);
                bytes += word.length;
                tokens++;
            }
        }
        long expected = tokens;
        // A guard against quadratic behaviour (which would take hours), not a timing assertion.
        Corpus corpus = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Vocabulary v = Vocabulary.fromCounts(WordCounts.of(huge, plain), 1, 1000);
            assertEquals(103, v.size(), "100 words and <unk>, <s>, </s>");
            return Corpus.read(huge, plain, v);
        });
        assertEquals(1, corpus.sentenceCount());
        assertEquals(expected + 1, corpus.tokenCount(), "every word and the one </s>");
        assertArrayEquals(new int[] {corpus.vocabulary().id("w0"), corpus.vocabulary().id("w1")},
                java.util.Arrays.copyOf(corpus.sentence(0), 2));
    }
}
