package io.lmkit.cli.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The process's standard output as a {@link PrintWriter} that remembers why writing failed. A
 * plain {@code PrintWriter} (or {@code System.out}) swallows the error of a full disk or a closed
 * pipe, so {@code lmkit score ... > /dev/full} would lose its results and still exit 0; {@link Main}
 * asks {@link #checkError()} after every command and exits 1 naming {@link #failure()}.
 */
final class StandardOutput extends PrintWriter {

    private final Recording recording;

    private StandardOutput(Recording recording) {
        // The charset a PrintWriter over System.out uses; println flushes, as before.
        super(new OutputStreamWriter(recording, Charset.defaultCharset()), true);
        this.recording = recording;
    }

    /** Standard output of this process, buffered, flushed at every line. */
    static StandardOutput ofProcess() {
        return new StandardOutput(new Recording(new FileOutputStream(FileDescriptor.out)));
    }

    /** A writer over {@code stream}, which stands in for standard output (tests). */
    static StandardOutput of(OutputStream stream) {
        return new StandardOutput(new Recording(stream));
    }

    /** The first error writing failed with, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(recording.failure);
    }

    /** Passes bytes on, buffered, and keeps the first {@link IOException} (the writer above forgets it). */
    private static final class Recording extends OutputStream {
        private final OutputStream target;
        private final byte[] buffer = new byte[1 << 13];
        private int used;
        private IOException failure;

        Recording(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushBuffer();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > buffer.length - used) {
                flushBuffer();
            }
            if (length >= buffer.length) {
                attempt(() -> target.write(bytes, offset, length));
            } else {
                System.arraycopy(bytes, offset, buffer, used, length);
                used += length;
            }
        }

        @Override
        public void flush() throws IOException {
            flushBuffer();
            attempt(target::flush);
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                target.close();
            }
        }

        private void flushBuffer() throws IOException {
            int length = used;
            // What could not be written is dropped: retrying a full disk at every line gains nothing.
            used = 0;
            if (length > 0) {
                attempt(() -> target.write(buffer, 0, length));
            }
        }

        private void attempt(IoAction action) throws IOException {
            try {
                action.run();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }
    }

    /** A write or flush of the underlying stream. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
