package io.lmkit.core.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full corpora in the project's {@code ../shared/data} folder, for the tests that need them.
 * Those tests are skipped, with a message saying why, when the folder is absent: lmkit builds and
 * passes its unit tests without it.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data folder: the {@code lmkit.shared} system property, else {@code ../shared}. */
    public static Path root() {
        String configured = System.getProperty("lmkit.shared");
        return Path.of(configured != null ? configured : "../shared").resolve("data").normalize();
    }

    /** {@code data/<relative>}, or skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), () -> "skipped: " + p + " is absent; this test needs the full corpora in"
                + " ../shared/data (set -Dlmkit.shared=DIR to point at them)");
        return p;
    }
}
