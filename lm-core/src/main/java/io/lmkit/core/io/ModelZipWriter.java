package io.lmkit.core.io;

import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the entries of a model file into a zip stream, recording each entry's checksum for the manifest:
 * deflated entries as usual, with their SHA-256, and mappable ones stored uncompressed with their data aligned
 * to {@link ModelDataSink#ALIGNMENT} bytes, with their CRC-32 (which the zip needs anyway; a SHA-256 of tens
 * of megabytes of tables cost a fresh JVM, whose client compiler has no SHA intrinsic, half a second). A stored entry's size and CRC-32 must precede its data, so its
 * bytes go to a temporary file beside the model file first; alignment comes from padding in the local
 * header's extra field (an extra block of id {@value #PADDING_ID}, as Android's zipalign pads).
 */
final class ModelZipWriter {

    /** The id of the extra-field block that pads a stored entry to its alignment. */
    static final int PADDING_ID = 0xD935;

    private final ZipOutputStream zip;
    private final Counting counting;
    private final Map<String, String> checksums;
    private final Path scratchFolder;

    ModelZipWriter(OutputStream out, Map<String, String> checksums, Path scratchFolder) {
        this.counting = new Counting(out);
        this.zip = new ZipOutputStream(counting, StandardCharsets.UTF_8);
        this.checksums = checksums;
        this.scratchFolder = scratchFolder;
    }

    void finish() throws IOException {
        zip.finish();
    }

    /** Opens a deflated entry whose close records its SHA-256 (unless {@code checksums} is null) and keeps the zip open. */
    OutputStream deflated(String name, boolean recordChecksum) throws IOException {
        claim(name);
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest sha = ModelFile.newSha256();
        return new FilterOutputStream(new DigestOutputStream(zip, sha)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    flush();
                    zip.closeEntry();
                    if (recordChecksum) {
                        checksums.put(name, HexFormat.of().formatHex(sha.digest()));
                    }
                }
            }
        };
    }

    /**
     * Opens a stored, aligned entry: its bytes are kept in a temporary file until it is closed, when its
     * CRC-32 is recorded as its checksum ({@link ManifestCodec#crc32}).
     */
    OutputStream stored(String name) throws IOException {
        claim(name);
        Path scratch = Files.createTempFile(scratchFolder, ".lmkit-entry.", ".tmp");
        CRC32 crc = new CRC32();
        OutputStream file;
        try {
            file = Files.newOutputStream(scratch);
        } catch (IOException e) {
            Files.deleteIfExists(scratch);
            throw e;
        }
        return new FilterOutputStream(new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16)) {
            private boolean closed;
            private long size;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                size += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                size++;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    out.close();
                    copyStored(name, scratch, size, crc.getValue());
                    checksums.put(name, ManifestCodec.crc32(crc.getValue()));
                } finally {
                    Files.deleteIfExists(scratch);
                }
            }
        };
    }

    /**
     * Writes {@code data} as a stored, aligned entry, read twice (for its CRC-32, then to copy it) rather than
     * copied to a temporary file and back: saving a model estimated on disk wrote and read its gigabytes of
     * tables once more that way.
     */
    void stored(String name, MappedData data) throws IOException {
        claim(name);
        CRC32 crc = new CRC32();
        data.update(crc);
        startStored(name, data.size(), crc.getValue());
        data.writeTo(zip);
        zip.closeEntry();
        checksums.put(name, ManifestCodec.crc32(crc.getValue()));
    }

    private void claim(String name) {
        if (checksums.containsKey(name)) {
            throw new IllegalArgumentException("model data entry '" + name + "' written twice");
        }
    }

    private void copyStored(String name, Path scratch, long size, long crc) throws IOException {
        startStored(name, size, crc);
        try (InputStream in = Files.newInputStream(scratch)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    /** Starts a stored entry of {@code size} bytes and CRC-32 {@code crc}, its data aligned. */
    private void startStored(String name, long size, long crc) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        // ZipOutputStream adds a 20-byte ZIP64 block to the local header of an entry of 4 GiB or more.
        long header = 30 + nameBytes + (size >= 0xFFFFFFFFL ? 20 : 0);
        int pad = (int) Math.floorMod(-(counting.count + header), (long) ModelDataSink.ALIGNMENT);
        if (pad > 0 && pad < 4) {
            pad += ModelDataSink.ALIGNMENT; // an extra block needs 4 bytes for its id and length
        }
        if (pad > 0) {
            byte[] extra = new byte[pad];
            extra[0] = (byte) PADDING_ID;
            extra[1] = (byte) (PADDING_ID >>> 8);
            extra[2] = (byte) (pad - 4);
            extra[3] = (byte) ((pad - 4) >>> 8);
            e.setExtra(extra);
        }
        zip.putNextEntry(e);
        if (counting.count % ModelDataSink.ALIGNMENT != 0) {
            throw new IllegalStateException("entry '" + name + "' would start at byte " + counting.count
                    + ", not aligned; the zip writer's header differs from what lmkit expects");
        }
    }

    /** Counts the bytes the zip stream writes, so that the next local header's position is known. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
