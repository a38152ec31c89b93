package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run the launcher records its class-data-sharing archive from: every step succeeds (a step that
 * stopped working, say after an option was renamed, would leave the n-gram commands' classes out of the
 * archive without anyone noticing).
 */
class CdsWorkloadTest {

    @TempDir
    Path dir;

    @Test
    void everyStepOfTheWorkloadSucceeds() throws Exception {
        assertEquals(0, CdsWorkload.run(dir), "failed steps");
        assertTrue(Files.size(dir.resolve("m.zip")) > 0 && Files.size(dir.resolve("t.zip")) > 0,
                "it trained a probing model and converted it to a trie");
    }
}
