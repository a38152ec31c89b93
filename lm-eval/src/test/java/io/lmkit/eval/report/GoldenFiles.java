package io.lmkit.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with golden files under this module's {@code src/test/resources/golden}. To change
 * a format on purpose, run the test with {@code -Dlmkit.golden.write=DIR} (DIR = that folder), which
 * writes the new output there, and review the diff.
 */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** Asserts that {@code actual} equals the golden file {@code name}. */
    public static void assertMatches(String name, String actual) {
        String writeTo = System.getProperty("lmkit.golden.write");
        try {
            if (writeTo != null) {
                Files.writeString(Path.of(writeTo).resolve(name), actual);
            }
            try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
                assertNotNull(in, "no golden file " + name + "; run with -Dlmkit.golden.write=DIR to create it");
                assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden file " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
