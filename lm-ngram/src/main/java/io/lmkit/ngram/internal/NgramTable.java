package io.lmkit.ngram.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The n-grams of one order (2 or more) in one packed, fixed-capacity open-addressing table.
 *
 * <p>An n-gram is keyed by its context's slot in the table one order down and its last word
 * (context encoding, as in BerkeleyLM): {@code key = contextSlot << 32 | word}. The key and the
 * n-gram's values (log10 probability and log10 backoff as two float32s) sit side by side in one
 * {@code long[]}, so a lookup touches one cache line. The slot where an n-gram lands is its id:
 * the next order's keys refer to it. Linear probing; the capacity is fixed when the table is
 * made, from the number of n-grams it will hold.
 *
 * <p>Built by one thread, then read-only and safe to share.
 */
public final class NgramTable {

    /** Slots per n-gram: with 1.25, a table is 80% full. */
    static final double SLOTS_PER_NGRAM = 1.25;
    private static final long EMPTY = -1L;

    private final long[] data;
    private final int capacity;
    private int size;

    /** A table with room for {@code ngrams} n-grams. */
    public NgramTable(int ngrams) {
        long cap = Math.max(4, (long) Math.ceil(ngrams * SLOTS_PER_NGRAM) + 1);
        if (cap * 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(ngrams + " n-grams of one order do not fit in one table (at most "
                    + (int) ((Integer.MAX_VALUE - 8) / 2 / SLOTS_PER_NGRAM) + "); prune the model");
        }
        this.capacity = (int) cap;
        this.data = new long[capacity * 2];
        for (int i = 0; i < data.length; i += 2) {
            data[i] = EMPTY;
        }
    }

    private NgramTable(long[] data, int size) {
        this.data = data;
        this.capacity = data.length / 2;
        this.size = size;
    }

    /** The key of an n-gram from its context slot and last word. */
    public static long key(int contextSlot, int word) {
        return ((long) contextSlot << 32) | (word & 0xFFFFFFFFL);
    }

    private int home(long key) {
        // Lemire's multiply-shift maps the hash onto [0, capacity) without a power-of-two size.
        return (int) Math.multiplyHigh(Hashing.mix(key) >>> 1, (long) capacity << 1);
    }

    /**
     * Adds an n-gram and returns its slot.
     *
     * @throws IllegalStateException when the table is full or the n-gram is already present
     */
    public int add(int contextSlot, int word, float log10Prob, float log10Backoff) {
        if (size + 1 >= capacity) {
            throw new IllegalStateException("n-gram table is full (" + size + " n-grams); the declared count was"
                    + " too small");
        }
        long key = key(contextSlot, word);
        int s = home(key);
        while (data[2 * s] != EMPTY) {
            if (data[2 * s] == key) {
                throw new IllegalStateException("duplicate n-gram (context slot " + contextSlot + ", word " + word + ")");
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        data[2 * s] = key;
        data[2 * s + 1] = pack(log10Prob, log10Backoff);
        size++;
        return s;
    }

    /** The slot of the n-gram (context slot, word), or -1 when the table does not have it. */
    public int find(int contextSlot, int word) {
        long key = key(contextSlot, word);
        int s = home(key);
        while (true) {
            long k = data[2 * s];
            if (k == key) {
                return s;
            }
            if (k == EMPTY) {
                return -1;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    /** The log10 probability of the n-gram in {@code slot}. */
    public float log10Prob(int slot) {
        return Float.intBitsToFloat((int) (data[2 * slot + 1] >>> 32));
    }

    /** The log10 backoff weight of the n-gram in {@code slot} (0 when it is never a context). */
    public float log10Backoff(int slot) {
        return Float.intBitsToFloat((int) data[2 * slot + 1]);
    }

    /** Replaces the backoff of the n-gram in {@code slot}. */
    public void setLog10Backoff(int slot, float log10Backoff) {
        data[2 * slot + 1] = pack(log10Prob(slot), log10Backoff);
    }

    /** The context slot of the n-gram in {@code slot}. */
    public int contextSlot(int slot) {
        return (int) (data[2 * slot] >>> 32);
    }

    /** The last word of the n-gram in {@code slot}. */
    public int word(int slot) {
        return (int) data[2 * slot];
    }

    /** Whether {@code slot} holds an n-gram. */
    public boolean occupied(int slot) {
        return data[2 * slot] != EMPTY;
    }

    /** The number of slots, occupied or not. */
    public int capacity() {
        return capacity;
    }

    /** The number of n-grams. */
    public int size() {
        return size;
    }

    /** Bytes of memory the table's array takes. */
    public long bytes() {
        return 16L + 8L * data.length;
    }

    private static long pack(float log10Prob, float log10Backoff) {
        return ((long) Float.floatToRawIntBits(log10Prob) << 32) | (Float.floatToRawIntBits(log10Backoff) & 0xFFFFFFFFL);
    }

    /** Writes the table as it is in memory, so loading needs no rehashing. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(size);
        byte[] buf = new byte[8 * 4096];
        for (int i = 0; i < data.length; i += 4096) {
            int n = Math.min(4096, data.length - i);
            for (int j = 0; j < n; j++) {
                long v = data[i + j];
                for (int b = 0; b < 8; b++) {
                    buf[8 * j + b] = (byte) (v >>> (56 - 8 * b));
                }
            }
            out.write(buf, 0, 8 * n);
        }
    }

    /** Reads a table written by {@link #writeTo}. */
    public static NgramTable readFrom(DataInputStream in) throws IOException {
        int capacity = in.readInt();
        int size = in.readInt();
        if (capacity < 4 || size < 0 || size >= capacity || capacity > (Integer.MAX_VALUE - 8) / 2) {
            throw new IOException("invalid n-gram table header (capacity " + capacity + ", size " + size + ")");
        }
        long[] data = new long[capacity * 2];
        byte[] buf = new byte[8 * 4096];
        for (int i = 0; i < data.length; i += 4096) {
            int n = Math.min(4096, data.length - i);
            in.readFully(buf, 0, 8 * n);
            for (int j = 0; j < n; j++) {
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v = (v << 8) | (buf[8 * j + b] & 0xFF);
                }
                data[i + j] = v;
            }
        }
        return new NgramTable(data, size);
    }

    @Override
    public String toString() {
        return "NgramTable[" + size + " n-grams in " + capacity + " slots]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramTable t && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
