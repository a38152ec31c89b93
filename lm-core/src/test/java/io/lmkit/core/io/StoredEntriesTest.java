package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.model.ModelDataSink;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored entries are written at offsets that are multiples of 64 whatever comes before them (names of
 * every length, deflated entries in between), the zip stays readable by {@link ZipFile}, and the
 * directory reader finds each entry's bytes.
 */
class StoredEntriesTest {

    @TempDir
    Path dir;

    @Test
    void everyStoredEntryIsAlignedFoundWhereItIsAndListedByItsCrc32WhetherWrittenOrMapped() throws Exception {
        Path file = dir.resolve("m.zip");
        Map<String, byte[]> stored = new LinkedHashMap<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        // Every third entry is a region of another file, mapped (as a table estimated on disk is saved), the
        // region starting past a few bytes of that file so that its offset must be kept.
        Path mappedFrom = dir.resolve("tables.bin");
        try (OutputStream out = Files.newOutputStream(file);
             FileChannel tables = FileChannel.open(mappedFrom, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ModelZipWriter zip = new ModelZipWriter(out, checksums, dir);
            for (int i = 0; i < 70; i++) {
                String name = "data/" + "n".repeat(i % 13 + 1) + i;
                byte[] bytes = new byte[i * 7 + 1];
                Arrays.fill(bytes, (byte) i);
                bytes[bytes.length / 2] = (byte) (i * 31 + 5);
                if (i % 3 == 2) {
                    long at = tables.size() + 3;
                    tables.write(java.nio.ByteBuffer.wrap(bytes), at);
                    zip.stored(name, io.lmkit.core.model.MappedData.map(tables, at, bytes.length));
                } else {
                    try (OutputStream o = i % 3 == 0 ? zip.deflated(name, true) : zip.stored(name)) {
                        o.write(bytes);
                    }
                }
                if (i % 3 != 0) {
                    stored.put(name, bytes);
                }
            }
            zip.finish();
        }
        Files.delete(mappedFrom);
        try (ZipFile zip = new ZipFile(file.toFile()); FileChannel channel = FileChannel.open(file,
                StandardOpenOption.READ)) {
            StoredEntries entries = StoredEntries.read(file, channel);
            byte[] all = Files.readAllBytes(file);
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                assertTrue(entries.isStored(e.getKey()));
                StoredEntries.Region r = entries.region(e.getKey(), ModelDataSink.ALIGNMENT);
                assertEquals(0, r.offset() % 64, e.getKey());
                assertArrayEquals(e.getValue(), Arrays.copyOfRange(all, (int) r.offset(),
                        (int) (r.offset() + r.length())), e.getKey());
                assertArrayEquals(e.getValue(), zip.getInputStream(zip.getEntry(e.getKey())).readAllBytes());
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                assertEquals(ManifestCodec.crc32(crc.getValue()), checksums.get(e.getKey()), e.getKey());
            }
            assertFalse(entries.isStored("data/n0"), "a deflated entry");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aFileWithoutADirectoryIsNamed() throws Exception {
        Path file = Files.write(dir.resolve("x.zip"), new ByteArrayOutputStream().toByteArray());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ModelFileException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFileException.class,
                    () -> StoredEntries.read(file, channel));
            assertTrue(e.getMessage().startsWith(file + ": the zip directory is corrupt (no end-of-directory record)"),
                    e.getMessage());
        }
    }
}
