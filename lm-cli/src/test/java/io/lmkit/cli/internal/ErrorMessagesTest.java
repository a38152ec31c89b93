package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error paths: each failure is one or two lines that name the bad input and the fix, with
 * exit code 1 (failure) or 2 (usage), and no stack trace unless --verbose. The messages are kept
 * in one golden transcript (golden/errors.txt).
 */
class ErrorMessagesTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path text;

    @BeforeAll
    static void trainAModel() throws IOException {
        text = Files.writeString(dir.resolve("text.txt"), "the cat sat\nthe dog sat\n");
        model = dir.resolve("m.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "katz", "--set", "order=2", "--train",
                text.toString(), "--out", model.toString()).exitCode());
    }

    /** A copy of {@code from} whose manifest says it was written in format version 99 by lmkit 9.0.0. */
    static Path fromTheFuture(Path from) throws IOException {
        Path to = dir.resolve("future.zip");
        try (ZipFile zip = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals("manifest.properties")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replaceAll("(?m)^formatVersion=.*$", "formatVersion=99")
                            .replaceAll("(?m)^lmkitVersion=.*$", "lmkitVersion=9.0.0")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void everyFailureNamesTheBadInputAndTheFix() throws IOException {
        Path future = fromTheFuture(model);
        String m = model.toString();
        String[][] cases = {
            {"1", "score", "--model", dir.resolve("missing.zip").toString(), "the cat"},
            {"1", "score", "--model", m, "--input", dir.resolve("missing.txt").toString()},
            {"1", "eval", "--model", text.toString(), "--test", text.toString()},
            {"1", "predict", "--model", future.toString(), "the"},
            {"2", "train", "--model", "kn5", "--train", text.toString(), "--out", dir.resolve("x.zip").toString()},
            {"2", "train", "--model", "katz", "--set", "ordr=3", "--train", text.toString(), "--out",
                dir.resolve("x.zip").toString()},
            {"2", "--plugins", dir.resolve("no-such-folder").toString(), "models"},
            {"2", "--verbose", "--quiet", "models"},
            {"2", "score", "--model", m, "--input", text.toString(), "the", "cat"},
            {"2", "predict", "--model", m, "--top", "0", "the"},
            {"2", "data", "split", "--input", text.toString(), "--out", dir.resolve("s").toString(), "--valid", "0.6",
                "--test", "0.5"},
            // --quiet: the failure comes after the first pass over the text, whose progress would precede it.
            {"1", "--quiet", "data", "split", "--input", text.toString(), "--out", dir.resolve("s").toString(), "--valid", "0.4",
                "--test", "0.4"},
            {"2", "repl"},
        };
        StringBuilder transcript = new StringBuilder();
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = CliTest.lmkit(args);
            transcript.append("$ lmkit ").append(String.join(" ", args)).append('\n')
                    .append("exit ").append(r.exitCode()).append('\n').append(r.err());
            assertEquals(Integer.parseInt(c[0]), r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().lines().count() <= 2, "one or two lines: " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals("", r.out(), "a failure prints nothing on standard output");
        }
        Golden.assertMatches("errors.txt", transcript.toString(), dir);
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = CliTest.lmkit("--verbose", "eval", "--model", text.toString(), "--test", text.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("lmkit: " + text + " is not an lmkit model file"), r.err());
        assertTrue(r.err().contains("io.lmkit.core.io.ModelFileException") && r.err().contains("\tat io.lmkit"),
                r.err());
    }
}
