package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries of a model file are read with limits (docs/RELIABILITY.md): a manifest over 1 MiB and a
 * vocabulary over 1 GiB are refused by the bytes actually inflated, not only by what the archive
 * claims. The child-JVM suite {@code lm-cli HostileInputTest} tries the 3 GiB versions.
 */
class ModelFileLimitsTest {

    private final PluginRegistry<ModelProvider<?>> models =
            new PluginRegistry<>("model", "", List.of(new UnigramProvider()));

    @TempDir
    Path dir;

    @Test
    void theLimitsAreOneMebibyteOfManifestAndOneGibibyteOfVocabulary() {
        assertEquals(1 << 20, ModelFile.MAX_MANIFEST_BYTES);
        assertEquals(1L << 30, ModelFile.MAX_VOCABULARY_BYTES);
    }

    @Test
    void aManifestThatInflatesPastOneMebibyteIsRefusedWithTheFileAndTheLimit() throws IOException {
        Path file = dir.resolve("big-manifest.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelFile.MANIFEST));
            byte[] comment = ("#" + "x".repeat(1022) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i <= 1024; i++) {
                zip.write(comment);
            }
            zip.closeEntry();
        }
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file, models)).getMessage();
        assertEquals(file + ": entry 'manifest.properties' inflates to more than 1.0 MiB, the most lmkit reads for it;"
                + " the file is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
        assertThrows(ModelFileException.class, () -> ModelFile.readManifest(file));
    }

    @Test
    void anEntryIsCountedAsItInflatesAndRefusedOnceItPassesItsLimit() throws Exception {
        byte[] data = "<unk>\n<s>\n</s>\nword\n".getBytes(StandardCharsets.US_ASCII);
        EntryReading.Stats stats = EntryReading.hash(Path.of("m.zip"), "vocab.txt", new ByteArrayInputStream(data),
                MessageDigest.getInstance("SHA-256"), data.length, true);
        assertEquals(data.length, stats.bytes());
        assertEquals(4, stats.lines());
        String m = assertThrows(ModelFileException.class, () -> EntryReading.hash(Path.of("m.zip"), "vocab.txt",
                new ByteArrayInputStream(data), MessageDigest.getInstance("SHA-256"), data.length - 1, true)).getMessage();
        assertEquals("m.zip: entry 'vocab.txt' inflates to more than 19 bytes, the most lmkit reads for it; the file"
                + " is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
    }

    @Test
    void anEntryWhoseArchiveSizeIsOverTheLimitIsRefusedBeforeInflating() {
        ZipEntry entry = new ZipEntry(ModelFile.VOCABULARY);
        entry.setSize(3L << 30);
        String m = assertThrows(ModelFileException.class, () -> EntryReading.refuseDeclaredSize(Path.of("m.zip"), entry,
                ModelFile.MAX_VOCABULARY_BYTES)).getMessage();
        assertEquals("m.zip: entry 'vocab.txt' inflates to more than 1.0 GiB, the most lmkit reads for it; the file"
                + " is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
    }

}
