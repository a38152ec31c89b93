package io.lmkit.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a child JVM with a small heap, for the tests that show a
 * model scores a very long line in bounded memory: the child prints, as its last line, the number
 * of scores and their sum, and this checks both.
 */
public final class SmallHeapScoring {

    private SmallHeapScoring() {
    }

    /**
     * Runs {@code main}'s class under {@code -Xmx<heap>} and asserts that it exits 0 and printed
     * {@code expectedScores} finite, negative-summing scores.
     */
    public static void assertScoresInHeap(Class<?> main, String heap, int expectedScores)
            throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                main.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, child.exitValue(), out);
        String[] lines = out.strip().split("\\R");
        String[] figures = lines[lines.length - 1].split(" ");
        assertEquals(Integer.toString(expectedScores), figures[0], "a score for every word and </s>: " + out);
        double total = Double.parseDouble(figures[1]);
        assertTrue(Double.isFinite(total) && total < 0, out);
    }
}
