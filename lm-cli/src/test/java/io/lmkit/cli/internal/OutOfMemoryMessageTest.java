package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap too small for the input (one line of three million words under -Xmx48m) ends with one line that says
 * what ran out and how to give more, exit 1, no stack trace and no output file.
 */
class OutOfMemoryMessageTest {

    @TempDir
    Path dir;

    @Test
    void aHeapTooSmallForTheInputIsNamedWithTheFix() throws Exception {
        Path text = dir.resolve("one-line.txt");
        try (Writer w = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
            String[] words = {"the", "cat", "sat", "on", "a", "mat"};
            for (int i = 0; i < 3_000_000; i++) {
                w.write(words[i % words.length]);
                w.write(i % 97 == 0 ? "  " : " ");
            }
            w.write('\n');
        }
        Path out = dir.resolve("m.zip");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--quiet", "train",
                "--model", "modified-kneser-ney", "--train", text.toString(), "--out", out.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        assertTrue(output.startsWith("lmkit: out of memory: the Java heap (at most "), output);
        assertTrue(output.contains("LMKIT_JAVA_OPTS=-Xmx4g"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertFalse(Files.exists(out));
    }
}
