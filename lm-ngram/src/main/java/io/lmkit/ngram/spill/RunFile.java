package io.lmkit.ngram.spill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sorted run on disk: its records one after another, each the words as ints and the count as a
 * long (big-endian); the record count is kept in memory. Reader and writer keep their own buffer of
 * {@link #BUFFER_BYTES} and decode it with a heap {@link ByteBuffer}: a {@code DataInputStream} over a
 * {@code BufferedInputStream} took a synchronized call per int, an eighth of a bounded-memory estimation.
 */
public final class RunFile {

    /** The least a reader of a merge buffers; the sorters budget merges by it. */
    static final int BUFFER_BYTES = 8 << 10;

    /**
     * Bytes a writer, and a reader outside a merge, buffers: a read or write call per 8 KiB cost the 100 M-word
     * estimation a fifth of its CPU in the kernel; a few of these are open at a time.
     */
    static final int STREAM_BUFFER_BYTES = 256 << 10;

    /** The most a reader of a merge buffers, however much memory the merge has. */
    static final int MAX_MERGE_BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final int width;
    private final long records;

    private RunFile(Path path, int width, long records) {
        this.path = path;
        this.width = width;
        this.records = records;
    }

    /** Writes a run of the records {@code fill} gives to its sink, which must give them sorted. */
    public static RunFile write(SpillFolder folder, String name, int width, Filler fill) {
        Writer w = writer(folder, name, width);
        try {
            fill.fill((words, count) -> w.add(words, count));
        } catch (IOException e) {
            w.abandon();
            throw folder.writeFailed(e);
        }
        return w.finish();
    }

    /** Gives records to a sink. */
    @FunctionalInterface
    public interface Filler {
        /** Gives every record, in order. */
        void fill(RecordSink sink) throws IOException;
    }

    /** A run being written, record by record, in sorted order. */
    public static Writer writer(SpillFolder folder, String name, int width) {
        Path[] created = new Path[1];
        try {
            return new Writer(folder, width, folder.newRun(name, created), created[0]);
        } catch (IOException e) {
            throw folder.writeFailed(e);
        }
    }

    /** Writes a run; {@link #finish()} closes it. */
    public static final class Writer {
        private final SpillFolder folder;
        private final int width;
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(STREAM_BUFFER_BYTES);
        private final int recordBytes;
        private final Path path;
        private long records;

        private Writer(SpillFolder folder, int width, OutputStream out, Path path) {
            this.folder = folder;
            this.width = width;
            this.out = out;
            this.recordBytes = 4 * width + 8;
            this.path = path;
        }

        /** Appends the record of the {@code width} words at {@code words[0..]}. */
        public void add(int[] words, long count) {
            add(words, 0, count);
        }

        /** Appends the record of the {@code width} words at {@code words[from..]}. */
        public void add(int[] words, int from, long count) {
            if (buffer.remaining() < recordBytes) {
                flush();
            }
            for (int i = 0; i < width; i++) {
                buffer.putInt(words[from + i]);
            }
            buffer.putLong(count);
            records++;
        }

        private void flush() {
            try {
                out.write(buffer.array(), 0, buffer.position());
            } catch (IOException e) {
                abandon();
                throw folder.writeFailed(e);
            }
            buffer.clear();
        }

        /** The finished run. */
        public RunFile finish() {
            flush();
            try {
                out.close();
            } catch (IOException e) {
                throw folder.writeFailed(e);
            }
            return new RunFile(path, width, records);
        }

        private void abandon() {
            try {
                out.close();
            } catch (IOException ignored) {
                // The write already failed; the folder is deleted with the estimation.
            }
        }
    }

    /** Records in the run. */
    public long records() {
        return records;
    }

    /** Reads the run from the start; closing the reader deletes the file (a run is read once). */
    public RecordSource open() throws IOException {
        return open(true, STREAM_BUFFER_BYTES);
    }

    /** Reads the run from the start with a buffer of {@code bufferBytes} (a merge's share); closing deletes it. */
    RecordSource open(int bufferBytes) throws IOException {
        return open(true, Math.max(bufferBytes, 4 * width + 8));
    }

    /** Reads the run from the start and keeps the file, for a run read more than once; {@link #delete()} ends it. */
    public RecordSource openKeeping() throws IOException {
        return open(false, STREAM_BUFFER_BYTES);
    }

    /** Deletes the run's file. */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private RecordSource open(boolean deleteOnClose, int bufferBytes) throws IOException {
        InputStream in = Files.newInputStream(path);
        int[] words = new int[width];
        int recordBytes = 4 * width + 8;
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes).limit(0);
        return new RecordSource() {
            private long left = records;
            private long count;

            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() throws IOException {
                if (left == 0) {
                    return false;
                }
                if (buffer.remaining() < recordBytes) {
                    refill();
                }
                for (int i = 0; i < width; i++) {
                    words[i] = buffer.getInt();
                }
                count = buffer.getLong();
                left--;
                return true;
            }

            /** Moves what is left of the buffer to its start and reads until a whole record is there. */
            private void refill() throws IOException {
                buffer.compact();
                while (buffer.position() < recordBytes) {
                    int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
                    if (n < 0) {
                        throw new IOException("the sorted run " + path + " ends early: it was changed or truncated"
                                + " while the estimation ran");
                    }
                    buffer.position(buffer.position() + n);
                }
                buffer.flip();
            }

            @Override
            public int[] words() {
                return words;
            }

            @Override
            public long count() {
                return count;
            }

            @Override
            public void close() throws IOException {
                in.close();
                if (deleteOnClose) {
                    Files.deleteIfExists(path);
                }
            }
        };
    }
}
