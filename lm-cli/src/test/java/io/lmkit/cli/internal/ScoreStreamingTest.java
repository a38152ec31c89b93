package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit score} streams, seen from outside in a child JVM: each line's result arrives while
 * standard input is still open, and a long input scores under a heap far smaller than its
 * sentences would take if they were held.
 */
class ScoreStreamingTest {

    /** Only a guard against a hang: every read below blocks until its line arrives. */
    private static final long GUARD_SECONDS = 120;

    @TempDir
    Path dir;

    private Path model;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @BeforeEach
    void trainAModel() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "the jury said it was good\nthe cat sat\n"
                + "it was the cat\n");
        model = dir.resolve("kn.zip");
        CliTest.Run r = CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--train", train.toString(),
                "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    private static ProcessBuilder lmkit(String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private String readLine(BufferedReader out) throws Exception {
        Future<String> line = reader.submit(out::readLine);
        return line.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void eachLinesResultArrivesBeforeTheNextLineIsWritten() throws Exception {
        Process p = lmkit("-Xmx256m", "score", "--model", model.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            in.write("the jury said\n");
            in.flush();
            // Standard input is still open: this line can only come if score wrote it before reading on.
            String first = readLine(out);
            assertTrue(first.startsWith("the=") && first.contains("\tjury=") && first.endsWith("OOV: 0"), first);
            in.write("it was good\n");
            in.flush();
            String second = readLine(out);
            assertTrue(second.startsWith("it=") && second.contains("\tgood="), second);
            in.close();
            assertTrue(readLine(out).startsWith("Perplexity including OOVs:\t"));
            assertTrue(p.waitFor(GUARD_SECONDS, TimeUnit.SECONDS), "score ended after standard input closed");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void manySentencesScoreInASmallHeap() throws Exception {
        // 100,000 sentences of 8 words: holding their scores (as score once did) takes over 50 MB.
        Path input = dir.resolve("many.txt");
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(input))) {
            byte[] line = "the jury said it was the cat sat\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 100_000; i++) {
                o.write(line);
            }
        }
        Path output = dir.resolve("scores.txt");
        Process p = lmkit("-Xmx16m", "score", "--model", model.toString())
                .redirectInput(input.toFile()).redirectOutput(output.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "score finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        List<String> tail;
        try (var lines = Files.lines(output)) {
            tail = lines.skip(100_000).toList();
        }
        assertEquals(List.of("OOVs:\t0", "Tokens:\t900000"), tail.subList(2, 4), String.join("\n", tail));
    }
}
