package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BackgroundSentencesTest {

    /** Sentences of 1 to 40 words, enough for several batches, with blank lines between some. */
    private static Path text(Path dir, int sentences) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            for (int w = 0; w <= i % 40; w++) {
                s.append("w").append((i * 31 + w) % 997).append(' ');
            }
            s.append('\n');
            if (i % 7 == 0) {
                s.append("\n");
            }
        }
        return Files.writeString(dir.resolve("t.txt"), s);
    }

    private record Sentence(List<String> words, long line) {
    }

    @Test
    void theConsumerGetsTheReadersSentencesAndLinesInFileOrderAcrossBatches(@TempDir Path dir) throws IOException {
        Path file = text(dir, 20_000); // about 410,000 words: six batches and more
        SentenceReader plain = new PlainTextSentences(new WhitespaceTokenizerProvider().create());
        List<Sentence> direct = new ArrayList<>();
        plain.read(file, (words, line) -> direct.add(new Sentence(List.copyOf(words), line)));
        List<Sentence> background = new ArrayList<>();
        BackgroundSentences.read(file, plain, (words, line) -> background.add(new Sentence(List.copyOf(words), line)));
        assertTrue(direct.stream().mapToInt(s -> s.words().size()).sum() > 6 * BackgroundSentences.BATCH_WORDS);
        assertEquals(direct, background);
    }

    @Test
    void aReadersErrorComesAfterTheSentencesBeforeIt(@TempDir Path dir) {
        LmkitException bad = new LmkitException("t.txt:100001: invalid UTF-8");
        SentenceReader failing = (file, consumer) -> {
            for (int i = 1; i <= 100_000; i++) {
                consumer.accept(List.of("a", "b", "c"), i);
            }
            throw bad;
        };
        long[] consumed = {0, 0};
        LmkitException thrown = assertThrows(LmkitException.class, () -> BackgroundSentences.read(dir, failing,
                (words, line) -> {
                    consumed[0]++;
                    consumed[1] = line;
                }));
        assertSame(bad, thrown, "the reader's own error, with its message");
        assertEquals(100_000, consumed[0], "every sentence read before the error was consumed");
        assertEquals(100_000, consumed[1]);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard: without the stop the reader below never ends
    void aConsumersErrorStopsTheReaderAndIsThrownAsItIs(@TempDir Path dir) {
        long[] produced = {0};
        SentenceReader endless = (file, consumer) -> {
            for (long i = 1; ; i++) {
                consumer.accept(List.of("x"), i);
                produced[0] = i;
            }
        };
        IllegalStateException full = new IllegalStateException("corpus full at line 5000");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> BackgroundSentences.read(dir,
                endless, (words, line) -> {
                    if (line == 5000) {
                        throw full;
                    }
                }));
        assertSame(full, thrown);
        // read() joined the reader's thread before it threw: no reader is left running.
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("lmkit-sentence-reader") && t.isAlive()));
        assertTrue(produced[0] < 5000 + 4 * BackgroundSentences.BATCH_WORDS, "read " + produced[0]
                + " sentences: the reader stops within the batches in flight");
    }

    @Test
    void aMissingFileIsTheReadersOwnError(@TempDir Path dir) {
        SentenceReader plain = new PlainTextSentences(new WhitespaceTokenizerProvider().create());
        Path missing = dir.resolve("missing.txt");
        LmkitException direct = assertThrows(LmkitException.class, () -> plain.read(missing, (w, l) -> { }));
        LmkitException background = assertThrows(LmkitException.class,
                () -> BackgroundSentences.read(missing, plain, (w, l) -> { }));
        assertEquals(direct.getMessage(), background.getMessage());
    }
}
