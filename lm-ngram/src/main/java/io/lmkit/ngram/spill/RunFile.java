package io.lmkit.ngram.spill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A sorted run on disk: its records one after another, each coded against the record before it (the record
 * count is kept in memory). A record starts with a mask of the fields equal to the previous record's, one bit
 * per word and one for the count, in {@code ceil((width + 1) / 8)} bytes; then each word that differs: one of
 * the first {@code varintWords} (word ids, ranks, small counts) as an unsigned LEB128 varint, any other (the
 * bits of a float or half a double's, which a varint would lengthen) as its 4 bytes; then the count, if it
 * differs, as a zigzag varint. Sorted n-grams share their leading words with their neighbours and their ids
 * and counts are mostly small, so a 5-gram of counts takes a few bytes instead of 28: the temporary disk of
 * a large estimation shrinks by more than half (measured in BENCHMARKS.md, "Corpus scale"). Reader and
 * writer keep their own byte buffers and code them by hand; a {@code DataInputStream} took a synchronized
 * call per int.
 *
 * <p>The writer keeps the run's length and CRC-32C in memory and the reader checks both when it reaches the
 * last record, so that a run another program changed, or a disk returned wrong, fails the estimation naming
 * the run instead of giving a model of other counts: coded records are short and most byte strings decode as
 * some records, so the format alone cannot tell. CRC-32C, of the checksums the JDK has, is the one its JIT
 * compiles to the processor's CRC instructions.
 */
public final class RunFile {

    /** A payload word's 4 bytes, most significant first, read or written as one int. */
    private static final java.lang.invoke.VarHandle INT_BIG_ENDIAN = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** The least a reader of a merge buffers; the sorters budget merges by it. */
    static final int BUFFER_BYTES = 8 << 10;

    /**
     * Bytes a writer, and a reader outside a merge, buffers: a read or write call per 8 KiB cost the 100 M-word
     * estimation a fifth of its CPU in the kernel; a few of these are open at a time.
     */
    static final int STREAM_BUFFER_BYTES = 256 << 10;

    /** The most a reader of a merge buffers, however much memory the merge has. */
    static final int MAX_MERGE_BUFFER_BYTES = 1 << 20;

    private final SpillFolder folder;
    private final Path path;
    private final int width;
    private final int varintWords;
    private final long records;
    private final long bytes;
    private final int checksum;

    private RunFile(SpillFolder folder, Path path, int width, int varintWords, long records, long bytes, int checksum) {
        this.folder = folder;
        this.path = path;
        this.width = width;
        this.varintWords = varintWords;
        this.records = records;
        this.bytes = bytes;
        this.checksum = checksum;
    }

    /**
     * Writes a run of the records {@code fill} gives to its sink, which must give them sorted: records of
     * {@code width} words, the first {@code varintWords} of them small non-negative ints (word ids, ranks,
     * counts), the others any bits (a float, half a double).
     */
    public static RunFile write(SpillFolder folder, String name, int width, int varintWords, Filler fill) {
        Writer w = writer(folder, name, width, varintWords);
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

    /**
     * A run being written, record by record, in sorted order: records of {@code width} words, the first
     * {@code varintWords} of them small non-negative ints (coded as varints), the others any bits (coded as they
     * are).
     */
    public static Writer writer(SpillFolder folder, String name, int width, int varintWords) {
        if (varintWords < 0 || varintWords > width) {
            throw new IllegalArgumentException("a run of width " + width + " cannot have " + varintWords + " words coded as varints");
        }
        Path[] created = new Path[1];
        try {
            return new Writer(folder, width, varintWords, folder.newRun(name, created), created[0]);
        } catch (IOException e) {
            throw folder.writeFailed(e);
        }
    }

    /** Writes a run; {@link #finish()} closes it. */
    public static final class Writer {
        private final SpillFolder folder;
        private final int width;
        private final int varintWords;
        private final OutputStream out;
        private final byte[] buffer = new byte[STREAM_BUFFER_BYTES];
        private int position;
        private final int maxRecordBytes;
        private final Path path;
        private final int[] previous;
        private long previousCount;
        private long records;
        private final CRC32C crc = new CRC32C();
        private long bytes;

        private Writer(SpillFolder folder, int width, int varintWords, OutputStream out, Path path) {
            this.folder = folder;
            this.width = width;
            this.varintWords = varintWords;
            this.out = out;
            this.maxRecordBytes = maxRecordBytes(width);
            this.path = path;
            this.previous = new int[width];
        }

        /** Appends the record of the {@code width} words at {@code words[0..]}. */
        public void add(int[] words, long count) {
            add(words, 0, count);
        }

        /** Appends the record of the {@code width} words at {@code words[from..]}. */
        public void add(int[] words, int from, long count) {
            if (buffer.length - position < maxRecordBytes) {
                flush();
            }
            int maskAt = position;
            int maskBytes = maskBytes(width);
            int at = position + maskBytes;
            long mask = 0;
            boolean first = records == 0;
            for (int i = 0; i < width; i++) {
                int w = words[from + i];
                if (!first && w == previous[i]) {
                    mask |= 1L << i;
                } else if (i < varintWords) {
                    previous[i] = w;
                    at = putUnsignedInt(buffer, at, w);
                } else {
                    previous[i] = w;
                    INT_BIG_ENDIAN.set(buffer, at, w);
                    at += 4;
                }
            }
            if (!first && count == previousCount) {
                mask |= 1L << width;
            } else {
                previousCount = count;
                long zigzag = (count << 1) ^ (count >> 63);
                at = (zigzag >>> 32) == 0 ? putUnsignedInt(buffer, at, (int) zigzag) : putUnsigned(buffer, at, zigzag);
            }
            for (int b = 0; b < maskBytes; b++) {
                buffer[maskAt + b] = (byte) (mask >>> (8 * b));
            }
            position = at;
            records++;
        }

        /**
         * {@code value}, as an unsigned int, the way {@link #putUnsigned} codes it, unrolled without the long
         * arithmetic: the loop was a fifth of the main thread's samples in a profile of the 100 M-word estimation
         * (word ids and ranks take one to three bytes).
         */
        private static int putUnsignedInt(byte[] to, int at, int value) {
            if ((value & ~0x7F) == 0) {
                to[at] = (byte) value;
                return at + 1;
            }
            to[at] = (byte) (value | 0x80);
            if ((value & ~0x3FFF) == 0) {
                to[at + 1] = (byte) (value >>> 7);
                return at + 2;
            }
            to[at + 1] = (byte) (value >>> 7 | 0x80);
            if ((value & ~0x1FFFFF) == 0) {
                to[at + 2] = (byte) (value >>> 14);
                return at + 3;
            }
            to[at + 2] = (byte) (value >>> 14 | 0x80);
            if ((value & ~0xFFFFFFF) == 0) {
                to[at + 3] = (byte) (value >>> 21);
                return at + 4;
            }
            to[at + 3] = (byte) (value >>> 21 | 0x80);
            to[at + 4] = (byte) (value >>> 28);
            return at + 5;
        }

        private static int putUnsigned(byte[] to, int at, long value) {
            while ((value & ~0x7FL) != 0) {
                to[at++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            to[at++] = (byte) value;
            return at;
        }

        private void flush() {
            crc.update(buffer, 0, position);
            bytes += position;
            try {
                out.write(buffer, 0, position);
            } catch (IOException e) {
                abandon();
                throw folder.writeFailed(e);
            }
            position = 0;
        }

        /** The finished run. */
        public RunFile finish() {
            flush();
            try {
                out.close();
            } catch (IOException e) {
                throw folder.writeFailed(e);
            }
            return new RunFile(folder, path, width, varintWords, records, bytes, (int) crc.getValue());
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

    /** The run's length on disk, in bytes. */
    public long bytes() {
        return bytes;
    }

    /** Reads the run from the start; closing the reader deletes the file (a run is read once). */
    public RecordSource open() throws IOException {
        return open(true, STREAM_BUFFER_BYTES);
    }

    /** Reads the run from the start with a buffer of {@code bufferBytes} (a merge's share); closing deletes it. */
    RecordSource open(int bufferBytes) throws IOException {
        return open(true, Math.max(bufferBytes, 2 * maxRecordBytes(width)));
    }

    /** Reads the run from the start and keeps the file, for a run read more than once; {@link #delete()} ends it. */
    public RecordSource openKeeping() throws IOException {
        return open(false, STREAM_BUFFER_BYTES);
    }

    /** Deletes the run's file (kept until the next checkpoint where a checkpoint names it). */
    public void delete() throws IOException {
        folder.release(path);
    }

    /** The run's file. */
    public Path path() {
        return path;
    }

    /** Writes what reopening the run in its folder needs: its file's name, shape, records, length and checksum. */
    public void writeTo(java.io.DataOutputStream out) throws IOException {
        out.writeUTF(path.getFileName().toString());
        out.writeInt(width);
        out.writeInt(varintWords);
        out.writeLong(records);
        out.writeLong(bytes);
        out.writeInt(checksum);
    }

    /**
     * The run {@link #writeTo} described, in {@code folder}; reading it checks its checksum as ever.
     *
     * @throws io.lmkit.core.LmkitException when the file is missing or not as long as it was written
     */
    public static RunFile readFrom(java.io.DataInputStream in, SpillFolder folder) throws IOException {
        String name = in.readUTF();
        int width = in.readInt();
        int varintWords = in.readInt();
        long records = in.readLong();
        long bytes = in.readLong();
        int checksum = in.readInt();
        Path path = folder.path().resolve(name);
        if (name.contains("/") || name.contains("\\") || width < 1 || width > 63 || varintWords < 0 || varintWords > width
                || records < 0 || bytes < 0) {
            throw new io.lmkit.core.LmkitException("the checkpoint in " + folder.path() + " describes a run " + name
                    + " that no estimation writes; the checkpoint is damaged: delete the folder to start over");
        }
        long actual = Files.isRegularFile(path) ? Files.size(path) : -1;
        if (actual != bytes) {
            throw new io.lmkit.core.LmkitException("the checkpoint in " + folder.path() + " needs the run " + name
                    + " of " + bytes + " bytes, but " + (actual < 0 ? "it is missing" : "it has " + actual + " bytes")
                    + "; the folder was changed: delete it to start the estimation over");
        }
        return new RunFile(folder, path, width, varintWords, records, bytes, checksum);
    }

    /** The most bytes one record of {@code width} words can take. */
    static int maxRecordBytes(int width) {
        return maskBytes(width) + 5 * width + 10;
    }

    private static int maskBytes(int width) {
        if (width > 63) {
            throw new IllegalArgumentException("a sorted run holds at most 63 words a record, not " + width);
        }
        return (width + 1 + 7) / 8;
    }

    private RecordSource open(boolean deleteOnClose, int bufferBytes) throws IOException {
        InputStream in = Files.newInputStream(path);
        int maxRecordBytes = maxRecordBytes(width);
        int maskBytes = maskBytes(width);
        byte[] buffer = new byte[Math.max(bufferBytes, 2 * maxRecordBytes)];
        return new RecordSource() {
            // Decoded in place: a word the mask marks unchanged keeps the previous record's value. Readers of a
            // source's words only read them (RecordSource), so no copy is handed out.
            private final int[] words = new int[width];
            private long left = records;
            private long count;
            private int position;
            private int limit;
            private boolean ended;
            private final CRC32C crc = new CRC32C();
            private long read;
            private boolean verified;

            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() throws IOException {
                if (left == 0) {
                    verifyWhole();
                    return false;
                }
                if (limit - position < maxRecordBytes) {
                    if (!ended) {
                        refill();
                    }
                    if (limit - position < maxRecordBytes) {
                        return nextNearTheEnd();
                    }
                }
                // A whole record is in the buffer however long it is: decode without a bound check a byte.
                byte[] b = buffer;
                int[] decoded = words;
                int at = position;
                long mask = b[at++] & 0xFF;
                for (int m = 1; m < maskBytes; m++) {
                    mask |= (long) (b[at++] & 0xFF) << (8 * m);
                }
                for (int i = 0; i < width; i++) {
                    if ((mask & (1L << i)) != 0) {
                        continue;
                    }
                    if (i >= varintWords) {
                        decoded[i] = (int) INT_BIG_ENDIAN.get(b, at);
                        at += 4;
                        continue;
                    }
                    int v = b[at++];
                    if (v < 0) {
                        v &= 0x7F;
                        int x = b[at++];
                        v |= (x & 0x7F) << 7;
                        if (x < 0) {
                            x = b[at++];
                            v |= (x & 0x7F) << 14;
                            if (x < 0) {
                                x = b[at++];
                                v |= (x & 0x7F) << 21;
                                if (x < 0) {
                                    x = b[at++];
                                    if (x < 0 || x > 15) {
                                        throw corrupt();
                                    }
                                    v |= x << 28;
                                }
                            }
                        }
                    }
                    decoded[i] = v;
                }
                if ((mask & (1L << width)) == 0) {
                    long zigzag = 0;
                    int shift = 0;
                    byte x;
                    do {
                        x = b[at++];
                        zigzag |= (long) (x & 0x7F) << shift;
                        shift += 7;
                    } while (x < 0 && shift < 70);
                    if (x < 0) {
                        throw corrupt();
                    }
                    count = (zigzag >>> 1) ^ -(zigzag & 1);
                }
                position = at;
                if (--left == 0) {
                    verifyWhole();
                }
                return true;
            }

            /** The last records of the file, fewer bytes than the longest record: each byte's read checked. */
            private boolean nextNearTheEnd() throws IOException {
                long mask = 0;
                for (int b = 0; b < maskBytes; b++) {
                    mask |= (long) (nextByte() & 0xFF) << (8 * b);
                }
                for (int i = 0; i < width; i++) {
                    if ((mask & (1L << i)) == 0) {
                        words[i] = i < varintWords ? (int) nextUnsigned() : nextFixed();
                    }
                }
                if ((mask & (1L << width)) == 0) {
                    long zigzag = nextUnsigned();
                    count = (zigzag >>> 1) ^ -(zigzag & 1);
                }
                if (--left == 0) {
                    verifyWhole();
                }
                return true;
            }

            /**
             * After the last record: the file must end there, and its bytes must be the ones written (length and
             * CRC-32C), or the records just read were not the run's.
             */
            private void verifyWhole() throws IOException {
                if (verified) {
                    return;
                }
                verified = true;
                int n;
                while (!ended && (n = in.read(buffer, 0, buffer.length)) >= 0) {
                    crc.update(buffer, 0, n);
                    read += n;
                    limit = position = 0;
                }
                ended = true;
                if (read != bytes || limit != position || (int) crc.getValue() != checksum) {
                    throw new IOException("the sorted run " + path + " does not hold the bytes written to it ("
                            + read + " bytes read of " + bytes + " written, "
                            + ((int) crc.getValue() == checksum ? "the same" : "another") + " CRC-32C): it was"
                            + " changed while the estimation ran");
                }
            }

            private long nextUnsigned() throws IOException {
                long value = 0;
                for (int shift = 0; ; shift += 7) {
                    byte b = nextByte();
                    value |= (long) (b & 0x7F) << shift;
                    if (b >= 0) {
                        return value;
                    }
                    if (shift >= 63) {
                        throw corrupt();
                    }
                }
            }

            private int nextFixed() throws IOException {
                if (limit - position < 4) {
                    position = limit;
                    nextByte();
                }
                int v = (buffer[position] & 0xFF) << 24 | (buffer[position + 1] & 0xFF) << 16
                        | (buffer[position + 2] & 0xFF) << 8 | (buffer[position + 3] & 0xFF);
                position += 4;
                return v;
            }

            private byte nextByte() throws IOException {
                if (position == limit) {
                    throw new IOException("the sorted run " + path + " ends early: it was changed or truncated"
                            + " while the estimation ran");
                }
                return buffer[position++];
            }

            private IOException corrupt() {
                return new IOException("the sorted run " + path + " holds a malformed record: it was changed"
                        + " while the estimation ran");
            }

            /** Moves what is left to the buffer's start and reads until a whole record is there or the file ends. */
            private void refill() throws IOException {
                int kept = limit - position;
                System.arraycopy(buffer, position, buffer, 0, kept);
                position = 0;
                limit = kept;
                while (limit < maxRecordBytes) {
                    int n = in.read(buffer, limit, buffer.length - limit);
                    if (n < 0) {
                        ended = true;
                        return;
                    }
                    crc.update(buffer, limit, n);
                    read += n;
                    limit += n;
                }
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
                    folder.release(path);
                }
            }
        };
    }
}
