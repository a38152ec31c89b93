package io.lmkit.core.io;

import io.lmkit.core.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;

/**
 * Reads zip entries of a model file with a limit: a small archive can inflate to gigabytes (a zip bomb), so
 * an entry's length is counted as it is read and never trusted from the archive's directory alone.
 */
final class EntryReading {

    /**
     * What reading an entry found: its SHA-256 (null when not computed), its CRC-32, its inflated length and
     * how many {@code \n} it holds.
     */
    record Stats(String sha256, long crc32, long bytes, long lines) {
    }

    private EntryReading() {
    }

    /** Refuses an entry whose declared size is already over {@code limit}, before inflating any of it. */
    static void refuseDeclaredSize(Path file, ZipEntry entry, long limit) {
        if (entry.getSize() > limit) {
            throw tooLarge(file, entry.getName(), limit);
        }
    }

    /**
     * Reads an entry through, computing its CRC-32 and, when {@code sha} is not null, its SHA-256, counting its
     * bytes (and its lines when {@code countLines}), and stops as soon as it is longer than {@code limit}.
     */
    static Stats hash(Path file, String name, InputStream in, MessageDigest sha, long limit, boolean countLines)
            throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buffer = new byte[1 << 16];
        long bytes = 0;
        long lines = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            bytes += n;
            if (bytes > limit) {
                throw tooLarge(file, name, limit);
            }
            crc.update(buffer, 0, n);
            if (sha != null) {
                sha.update(buffer, 0, n);
            }
            for (int i = 0; countLines && i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return new Stats(sha == null ? null : HexFormat.of().formatHex(sha.digest()), crc.getValue(), bytes, lines);
    }

    /** Reads a whole entry of at most {@code limit} bytes. */
    static byte[] readAll(Path file, ZipEntry entry, InputStream in, int limit) throws IOException {
        refuseDeclaredSize(file, entry, limit);
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(file, entry.getName(), limit);
        }
        return bytes;
    }

    static ModelFileException tooLarge(Path file, String name, long limit) {
        return new ModelFileException(file + ": entry '" + name + "' inflates to more than " + MemoryBudget.format(limit)
                + ", the most lmkit reads for it; the file is corrupt or not an lmkit model file. Re-create it with"
                + " 'lmkit train'");
    }
}
