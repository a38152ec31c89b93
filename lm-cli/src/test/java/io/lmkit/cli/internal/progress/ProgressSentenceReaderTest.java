package io.lmkit.cli.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.text.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressSentenceReaderTest {

    @Test
    void theBytesABarCountsAreTheWordsUtf8Lengths() {
        for (String w : new String[] {"", "the", "café", "naïve-über", "Ωμέγα", "日本語", "\uD83D\uDE00", "a\uD83D\uDE00b€"}) {
            assertEquals(w.getBytes(StandardCharsets.UTF_8).length, ProgressSentenceReader.utf8Length(w), w);
        }
    }

    /** Words between spaces, as the whitespace tokenizer gives them. */
    private static final Tokenizer SPLIT = line -> List.of(line.trim().split(" +"));

    @TempDir
    Path temp;

    @Test
    void aFileReadToTheEndIsShownDoneWithItsSentences() throws IOException {
        Path file = Files.writeString(temp.resolve("ok.txt"), "the cat sat\nthe dog\n");
        StringWriter log = new StringWriter();
        List<Integer> lengths = new ArrayList<>();
        new ProgressSentenceReader(new PlainTextSentences(SPLIT), display(log), "reading")
                .read(file, (words, line) -> lengths.add(words.size()));
        assertEquals(List.of(3, 2), lengths);
        assertTrue(log.toString().contains("reading ok.txt: done, 20 bytes in 0:00, 2 sentences"), log.toString());
    }

    @Test
    void aFileThatFailsPartWayIsShownStoppedNotDone() throws IOException {
        Path file = temp.resolve("bad.txt");
        byte[] good = "the cat sat\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 4];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xff; // not UTF-8
        bytes[good.length + 1] = 'x';
        bytes[good.length + 2] = 'y';
        bytes[good.length + 3] = '\n';
        Files.write(file, bytes);
        StringWriter log = new StringWriter();
        List<Integer> lengths = new ArrayList<>();
        LmkitException e = assertThrows(LmkitException.class, () -> new ProgressSentenceReader(
                new PlainTextSentences(SPLIT), display(log), "reading").read(file, (words, line) -> lengths.add(words.size())));
        assertTrue(e.getMessage().contains("bad.txt:2"), e.getMessage());
        assertEquals(List.of(3), lengths);
        assertTrue(log.toString().contains("reading bad.txt: stopped after"), log.toString());
        assertTrue(!log.toString().contains(": done"), log.toString());
    }

    private static LogLineProgress display(StringWriter log) {
        return new LogLineProgress(new PrintWriter(log), () -> 0L, Duration.ofSeconds(10));
    }
}
