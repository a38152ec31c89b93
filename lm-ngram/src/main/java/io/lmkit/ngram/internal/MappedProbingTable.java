package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@link NgramTable} read in place from a model file: the same slots (context slot, word, float32
 * log10 probability, and below the highest order a float64 backoff as two ints, high then low), as
 * little-endian ints after a 64-byte header, so that loading maps the entry and reads nothing.
 *
 * <p>Header: the magic {@code PRB1}, the stride (5 ints a slot with a backoff, 3 without), the capacity
 * and the number of n-grams; the data follows at byte 64. Every value is checked against the entry's
 * length when the table is opened, and a lookup probes at most every slot once, so a forged table can
 * give wrong scores (which {@code lmkit verify} finds) but never reads outside its entry or loops.
 */
public final class MappedProbingTable implements OrderTable {

    /** The name of this layout. */
    public static final String LAYOUT = "probing";
    static final int MAGIC = 0x31425250; // "PRB1" little-endian
    static final int HEADER_BYTES = 64;
    private static final int EMPTY = -1;

    private final MappedData data;
    private final int stride;
    private final int capacity;
    private final int size;

    private MappedProbingTable(MappedData data, int stride, int capacity, int size) {
        this.data = data;
        this.stride = stride;
        this.capacity = capacity;
        this.size = size;
    }

    /** The 64-byte header of a table. */
    static byte[] header(int stride, int capacity, int size) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(stride).putInt(capacity).putInt(size);
        return b.array();
    }

    /**
     * Opens the table an entry holds.
     *
     * @param entry       the whole entry, header included
     * @param withBackoff whether the table must carry backoffs (every order but the highest)
     * @throws IOException when the header is invalid or announces more bytes than the entry holds
     */
    public static MappedProbingTable open(MappedData entry, boolean withBackoff) throws IOException {
        if (entry.size() < HEADER_BYTES || entry.getInt(0) != MAGIC) {
            throw new IOException("not a probing n-gram table (no PRB1 header in its first 64 bytes)");
        }
        int stride = entry.getInt(4);
        int capacity = entry.getInt(8);
        int size = entry.getInt(12);
        // The highest order may carry backoffs too (they are never used), so only a missing one is an error.
        if ((stride != 3 && stride != 5) || (withBackoff && stride != 5) || capacity < 4 || size < 0
                || size >= capacity) {
            throw new IOException("invalid n-gram table header (stride " + stride + ", capacity " + capacity
                    + ", size " + size + ")");
        }
        long bytes = 4L * capacity * stride;
        if (bytes != entry.size() - HEADER_BYTES) {
            throw new IOException("an n-gram table header announces " + capacity + " slots (" + bytes + " bytes)"
                    + " but the entry holds " + (entry.size() - HEADER_BYTES) + " bytes after its header");
        }
        return new MappedProbingTable(entry.slice(HEADER_BYTES, bytes), stride, capacity, size);
    }

    private int at(int slot, int field) {
        return data.getInt(((long) slot * stride + field) * 4);
    }

    @Override
    public int find(int contextId, int word) {
        int s = NgramTable.home(contextId, word, capacity);
        // The context slot and the word side by side, as one little-endian long reads them: one read a probe.
        long key = ((long) word << 32) | (contextId & 0xFFFFFFFFL);
        long slotBytes = 4L * stride;
        for (int probes = 0; probes < capacity; probes++) {
            long pair = data.getLong(s * slotBytes);
            if (pair == key) {
                return s;
            }
            if ((int) pair == EMPTY) {
                return -1;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        return -1;
    }

    @Override
    public float log10Prob(int id) {
        return Float.intBitsToFloat(at(id, 2));
    }

    @Override
    public double log10Backoff(int id) {
        if (stride == 3) {
            return 0;
        }
        return Double.longBitsToDouble(((long) at(id, 3) << 32) | (at(id, 4) & 0xFFFFFFFFL));
    }

    @Override
    public int contextId(int id) {
        return at(id, 0);
    }

    @Override
    public int word(int id) {
        return at(id, 1);
    }

    @Override
    public boolean occupied(int id) {
        return at(id, 0) != EMPTY;
    }

    @Override
    public int idLimit() {
        return capacity;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean hasBackoffs() {
        return stride == 5;
    }

    @Override
    public long bytes() {
        return HEADER_BYTES + data.size();
    }

    @Override
    public String layout() {
        return LAYOUT;
    }

    @Override
    public void writeMappable(OutputStream out) throws IOException {
        out.write(header(stride, capacity, size));
        data.writeTo(out);
    }

    @Override
    public String toString() {
        return "MappedProbingTable[" + size + " n-grams in " + capacity + " slots]";
    }
}
