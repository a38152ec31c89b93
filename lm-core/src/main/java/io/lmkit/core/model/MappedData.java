package io.lmkit.core.model;

import io.lmkit.core.MemoryBudget;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The bytes of one model data entry, read in place: a file region mapped into memory
 * ({@link FileChannel#map}), or a heap copy for an entry that could not be mapped (a compressed one).
 * Values are little-endian. Positions are {@code long}: a region over 2 GiB is mapped as several
 * buffers of 1 GiB, each overlapping the next by {@value #OVERLAP} bytes, so that a read of up to 8
 * bytes never spans two buffers.
 *
 * <p>A read outside the region throws {@link IndexOutOfBoundsException}. Immutable and safe to share
 * between threads (reads are absolute); mapped pages are shared by every process that maps the file.
 */
public final class MappedData {

    /** Bytes each buffer overlaps the next one. */
    static final int OVERLAP = 64;
    private static final int CHUNK_SHIFT = 30;

    private final ByteBuffer[] chunks;
    // The address of the one buffer of a region under 1 GiB (every table of a Brown-sized model), read
    // directly (DirectReads), or 0: several buffers, a heap copy, or a JDK where direct reads are off.
    private final long address;
    private final int shift;
    private final long mask;
    private final long base;
    private final long size;
    // The file the buffers map and the file offset of buffer position 0, or null: copying the bytes out
    // reads them through the file (page cache) rather than the mapping, so the pages do not join this
    // process's resident set (a model saved right after it was estimated need not be paged in).
    private final FileChannel file;
    private final long fileOffset;

    private MappedData(ByteBuffer[] chunks, int shift, long base, long size) {
        this(chunks, shift, base, size, null, 0);
    }

    private MappedData(ByteBuffer[] chunks, int shift, long base, long size, FileChannel file, long fileOffset) {
        this.file = file;
        this.fileOffset = fileOffset;
        this.chunks = chunks;
        this.address = chunks.length == 1 ? DirectReads.addressOf(chunks[0]) : 0;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        this.base = base;
        this.size = size;
    }

    /** Maps {@code size} bytes of {@code channel} from {@code offset}, read-only. */
    public static MappedData map(FileChannel channel, long offset, long size) throws IOException {
        return map(channel, offset, size, CHUNK_SHIFT);
    }

    /** {@link #map(FileChannel, long, long)} with buffers of {@code 2^shift} bytes (tests use small ones). */
    static MappedData map(FileChannel channel, long offset, long size, int shift) throws IOException {
        long chunk = 1L << shift;
        int count = (int) Math.max(1, (size + chunk - 1) >>> shift);
        ByteBuffer[] chunks = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = (long) i << shift;
            long length = Math.min(size - start, chunk + OVERLAP);
            chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, offset + start, length)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        return new MappedData(chunks, shift, 0, size, channel, offset);
    }

    /** The bytes of {@code buffer} from its position to its limit (for data made in memory). */
    public static MappedData of(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new MappedData(new ByteBuffer[] {b}, 31, 0, b.remaining());
    }

    /**
     * Reads {@code size} bytes of {@code in} into the heap, after checking them against the free heap: the
     * fallback for an entry that is compressed in its file.
     *
     * @throws EOFException when {@code in} ends first
     */
    public static MappedData read(InputStream in, long size, String what) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(what + " holds " + size + " bytes, more than one compressed entry lmkit reads into"
                    + " memory (2 GiB); store it uncompressed, as lmkit writes it");
        }
        MemoryBudget.require(size, what + " (" + MemoryBudget.format(size) + ")", "a smaller model");
        byte[] bytes = new byte[(int) size];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
            throw new EOFException(what + " ends after " + n + " of " + size + " bytes");
        }
        return of(ByteBuffer.wrap(bytes));
    }

    /** The number of bytes. */
    public long size() {
        return size;
    }

    /** The bytes from {@code offset} on, {@code length} of them, as a view sharing these bytes. */
    public MappedData slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("bytes " + offset + ".." + (offset + length) + " of " + size);
        }
        return new MappedData(chunks, shift, base + offset, length, file, fileOffset);
    }

    /** The position in the buffers of byte {@code at}, after checking that {@code width} bytes fit. */
    private long position(long at, int width) {
        if (at < 0 || at > size - width) {
            throw new IndexOutOfBoundsException("byte " + at + " (+" + width + ") of " + size);
        }
        return base + at;
    }

    /** The byte at {@code at}. */
    public byte get(long at) {
        long p = position(at, 1);
        if (address != 0) {
            return DirectReads.getByte(address + p);
        }
        return chunks[(int) (p >>> shift)].get((int) (p & mask));
    }

    /** The little-endian int at {@code at}. */
    public int getInt(long at) {
        long p = position(at, 4);
        if (address != 0) {
            return DirectReads.getInt(address + p);
        }
        return chunks[(int) (p >>> shift)].getInt((int) (p & mask));
    }

    /** The little-endian long at {@code at}. */
    public long getLong(long at) {
        long p = position(at, 8);
        if (address != 0) {
            return DirectReads.getLong(address + p);
        }
        return chunks[(int) (p >>> shift)].getLong((int) (p & mask));
    }

    /** The little-endian float at {@code at}. */
    public float getFloat(long at) {
        return Float.intBitsToFloat(getInt(at));
    }

    /** The little-endian double at {@code at}. */
    public double getDouble(long at) {
        return Double.longBitsToDouble(getLong(at));
    }

    /** Copies {@code length} bytes from {@code at} into {@code into}. */
    public void get(long at, byte[] into, int offset, int length) {
        for (int i = 0; i < length; i++) {
            into[offset + i] = get(at + i);
        }
    }

    /**
     * Writes every byte to {@code out}: read through the file while the channel that mapped it is open, which
     * leaves the mapped pages untouched, else from the buffers.
     */
    public void writeTo(OutputStream out) throws IOException {
        forEachBlock(out::write);
    }

    /**
     * Adds every byte to {@code checksum}, read as {@link #writeTo} reads them: a zip's stored entry needs its
     * CRC-32 before its data, and this gives it without a copy of the bytes.
     */
    public void update(java.util.zip.Checksum checksum) throws IOException {
        forEachBlock(checksum::update);
    }

    /** Takes a block of bytes: {@code length} of them from {@code offset} of an array that is then reused. */
    @FunctionalInterface
    private interface BlockSink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /** Gives every byte, in order, in blocks of at most 64 KiB. */
    private void forEachBlock(BlockSink sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        ByteBuffer wrapped = ByteBuffer.wrap(buf);
        for (long at = 0; at < size; ) {
            int n = (int) Math.min(buf.length, size - at);
            if (file != null && file.isOpen()) {
                wrapped.clear().limit(n);
                int read = file.read(wrapped, fileOffset + base + at);
                if (read <= 0) {
                    throw new EOFException("the mapped file ends " + (size - at) + " bytes before this region does;"
                            + " it was truncated while in use");
                }
                n = read;
            } else {
                long p = base + at;
                int inChunk = (int) Math.min(n, (1L << shift) + OVERLAP - (p & mask));
                n = Math.min(n, inChunk);
                chunks[(int) (p >>> shift)].get((int) (p & mask), buf, 0, n);
            }
            sink.accept(buf, 0, n);
            at += n;
        }
    }

    @Override
    public String toString() {
        return "MappedData[" + size + " bytes in " + chunks.length + " buffer(s)]";
    }
}
