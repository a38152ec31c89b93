package io.lmkit.core.files;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a text file for reading, plain or gzip-compressed: corpora come as {@code .gz} as often as not
 * ({@code lmkit data synth --out FILE.gz} writes them), and a user should not need the disk for a decompressed
 * copy of a billion words. The compression is recognised by gzip's magic bytes, not by the file's name, so a
 * {@code .txt} that is compressed reads as text and a {@code .gz} that is not reads as it is. Concatenated gzip
 * members (what {@code cat a.gz b.gz} gives) read as one text. Corrupt or truncated compressed data is an
 * {@link IOException} that says so and how to check the file, not a {@code ZipException} about a "ZLIB input
 * stream".
 */
public final class TextFiles {

    private static final int BUFFER_BYTES = 1 << 16;

    private TextFiles() {
    }

    /**
     * The bytes of {@code file}'s text: the file's own when plain, decompressed when it is gzip. The caller
     * closes the stream.
     *
     * @throws IOException when the file cannot be opened, or starts like gzip but its header is damaged (the
     *                     message names the file and the check: {@code gzip -t FILE})
     */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return decompressing(raw, file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * {@code in}'s text, decompressed when it starts with gzip's magic bytes (standard input, say); {@code name}
     * stands for it in messages. Closing the result closes {@code in}.
     */
    public static InputStream decompressing(InputStream in, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return buffered;
        }
        try {
            return new Checked(new GZIPInputStream(buffered, BUFFER_BYTES), name);
        } catch (ZipException | EOFException e) {
            throw Checked.corrupt(name, e);
        }
    }

    /**
     * Whether {@code file} starts with gzip's magic bytes; false for a file that cannot be read (its reader
     * reports that).
     */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The bytes of text {@code file} holds, for a progress bar's total: the file's size when plain, 0 (unknown)
     * when compressed, where the size on disk is not the text's and gzip's own record of it is its length modulo
     * 4 GiB.
     */
    public static long textBytes(Path file) {
        try {
            return isGzip(file) ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A decompressing stream whose data errors name the file and the way to check it. */
    private static final class Checked extends FilterInputStream {
        private final String name;

        Checked(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw corrupt(name, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw corrupt(name, e);
            }
        }

        static IOException corrupt(String name, IOException cause) {
            return new IOException(name + " is gzip-compressed but its compressed data is corrupt or truncated ("
                    + cause.getMessage() + "); re-create or re-download it (gzip -t " + name + " checks it)", cause);
        }
    }
}
