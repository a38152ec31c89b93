package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results that cannot be written to standard output (a full disk, {@code /dev/full}) are an error:
 * exit 1 and "could not write the results to standard output", never a silent exit 0.
 */
class StandardOutputFailureTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path text;

    @BeforeAll
    static void trainAModel() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            lines.append("the cat sat on the mat number ").append(i % 50).append('\n');
        }
        text = Files.writeString(dir.resolve("text.txt"), lines);
        model = dir.resolve("m.zip");
        assertEquals(0, lmkit("train", "--model", "modified-kneser-ney", "--train", text.toString(), "--out",
                model.toString()).exitCode());
    }

    @Test
    void scoreAndEvalJsonToDevFullExitOne() throws Exception {
        assumeTrue(new File("/dev/full").canWrite(), "needs /dev/full");
        for (List<String> args : List.of(List.of("score", "--model", model.toString(), "--input", text.toString()),
                List.of("eval", "--model", model.toString(), "--test", text.toString(), "--json"))) {
            Child c = toDevFull(args);
            assertEquals(1, c.exitCode(), args + ": " + c.err());
            assertTrue(c.err().contains("lmkit: could not write the results to standard output: No space left on"
                    + " device"), args + ": " + c.err());
        }
    }

    @Test
    void everyCommandWithResultsFailsWhenStandardOutputDoes() {
        Path data = dir.resolve("splits");
        assertEquals(0, lmkit("data", "split", "--input", text.toString(), "--out", data.toString()).exitCode());
        for (String[] args : new String[][] {
            {"compare", "--data", data.toString(), "--models", "unigram", "--no-probes", "--out",
                dir.resolve("report").toString(), "--json"},
            {"score", "--model", model.toString(), "the", "cat"},
            {"eval", "--model", model.toString(), "--test", text.toString(), "--json"},
            {"models"},
            {"generate", "--model", model.toString(), "--samples", "3"},
            {"predict", "--model", model.toString(), "the"}}) {
            StringWriter err = new StringWriter();
            StandardOutput full = StandardOutput.of(new FullDisk());
            int code = Main.run(args, new CliEnvironment(InputStream.nullInputStream(), false, Map.of()), full,
                    new PrintWriter(err));
            assertEquals(1, code, String.join(" ", args) + ": " + err);
            assertEquals("lmkit: could not write the results to standard output: No space left on device; the"
                    + " output is incomplete (is the disk full or the pipe closed?)",
                    err.toString().strip().lines().reduce((first, last) -> last).orElse(""),
                    "the last line, after any progress lines: " + String.join(" ", args));
        }
    }

    @Test
    void aWorkingStandardOutputStillExitsZero() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"score", "--model", model.toString(), "the", "cat"},
                new CliEnvironment(InputStream.nullInputStream(), false, Map.of()), StandardOutput.of(bytes),
                new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("the="), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aReaderThatStopsReadingEndsTheCommandQuietlyAsSigpipeWould() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"score", "--model", model.toString(), "--input", text.toString()},
                new CliEnvironment(InputStream.nullInputStream(), false, Map.of()), StandardOutput.of(new ClosedPipe()),
                new PrintWriter(err));
        assertEquals(141, code, "128 + SIGPIPE, as a shell reports `lmkit score ... | head -1`: " + err);
        assertEquals("", err.toString(), "a closed pipe is the reader's choice, not an error to report");
    }

    /** A pipe whose reader has exited. */
    static final class ClosedPipe extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
        }
    }

    /** A stream that fails as a full disk does. */
    static final class FullDisk extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    record Child(int exitCode, String err) {
    }

    static Child toDevFull(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(new File("/dev/full")).redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lmkit " + args + " did not finish");
        return new Child(p.exitValue(), Files.readString(err));
    }
}
