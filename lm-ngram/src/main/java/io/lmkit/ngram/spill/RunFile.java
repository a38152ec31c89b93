package io.lmkit.ngram.spill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sorted run on disk: its records one after another, each the words as ints and the count as a
 * long (big-endian, as {@link DataOutputStream} writes); the record count is kept in memory.
 */
public final class RunFile {

    /** Bytes a reader or writer buffers. */
    static final int BUFFER_BYTES = 8 << 10;

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
            return new Writer(folder, width, new DataOutputStream(new BufferedOutputStream(folder.newRun(name, created),
                    BUFFER_BYTES)), created[0]);
        } catch (IOException e) {
            throw folder.writeFailed(e);
        }
    }

    /** Writes a run; {@link #finish()} closes it. */
    public static final class Writer {
        private final SpillFolder folder;
        private final int width;
        private final DataOutputStream out;
        private final Path path;
        private long records;

        private Writer(SpillFolder folder, int width, DataOutputStream out, Path path) {
            this.folder = folder;
            this.width = width;
            this.out = out;
            this.path = path;
        }

        /** Appends the record of the {@code width} words at {@code words[0..]}. */
        public void add(int[] words, long count) {
            add(words, 0, count);
        }

        /** Appends the record of the {@code width} words at {@code words[from..]}. */
        public void add(int[] words, int from, long count) {
            try {
                for (int i = 0; i < width; i++) {
                    out.writeInt(words[from + i]);
                }
                out.writeLong(count);
            } catch (IOException e) {
                abandon();
                throw folder.writeFailed(e);
            }
            records++;
        }

        /** The finished run. */
        public RunFile finish() {
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
    public RecordSource open() throws IOException {        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES));
        int[] words = new int[width];
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
                try {
                    for (int i = 0; i < width; i++) {
                        words[i] = in.readInt();
                    }
                    count = in.readLong();
                } catch (EOFException e) {
                    throw new IOException("the sorted run " + path + " ends early: it was changed or truncated while"
                            + " the estimation ran", e);
                }
                left--;
                return true;
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
                Files.deleteIfExists(path);
            }
        };
    }
}
