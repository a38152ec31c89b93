package io.lmkit.ngram.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import io.lmkit.core.MemoryBudget;
import java.io.IOException;

/**
 * The n-grams of one order (2 or more) with their counts, in one packed, fixed-capacity
 * open-addressing table: the counterpart of {@link NgramTable} for models that keep counts and
 * compute probabilities when asked.
 *
 * <p>An n-gram is keyed as in {@link NgramTable}, by its context's slot one order down and its last
 * word ({@code key = contextSlot << 32 | word}). A slot holds three longs side by side: the key,
 * the n-gram's count c(hw), and its total as a context c(hw·) = Σx c(hwx) one order up (0 at the
 * highest order). The slot where an n-gram lands is its id. Linear probing.
 *
 * <p>Built by one thread, then read-only and safe to share.
 */
public final class CountTable {

    private static final int STRIDE = 3;
    private static final long EMPTY = -1L;

    private final long[] data;
    private final int capacity;
    private int size;

    /** A table with room for {@code ngrams} n-grams. */
    public CountTable(int ngrams) {
        long cap = Math.max(4, (long) Math.ceil(ngrams * NgramTable.SLOTS_PER_NGRAM) + 1);
        if (cap * STRIDE > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(ngrams + " n-grams of one order do not fit in one count table (at"
                    + " most " + (int) ((Integer.MAX_VALUE - 8) / STRIDE / NgramTable.SLOTS_PER_NGRAM) + ")");
        }
        this.capacity = (int) cap;
        this.data = new long[capacity * STRIDE];
        for (int s = 0; s < capacity; s++) {
            data[s * STRIDE] = EMPTY;
        }
    }

    private CountTable(long[] data, int size) {
        this.data = data;
        this.capacity = data.length / STRIDE;
        this.size = size;
    }

    private static long key(int contextSlot, int word) {
        return ((long) contextSlot << 32) | (word & 0xFFFFFFFFL);
    }

    private int home(long key) {
        // Lemire's multiply-shift maps the hash onto [0, capacity), as in NgramTable.
        return (int) Math.multiplyHigh(Hashing.mix(key) >>> 1, (long) capacity << 1);
    }

    /**
     * Adds an n-gram and returns its slot.
     *
     * @param contextSlot the slot of its first words one order down (the word id for bigrams), ≥ 0
     * @param count       c(hw), ≥ 1
     * @param total       c(hw·), its total as a context one order up (0 at the highest order)
     * @throws IllegalStateException when the table is full or the n-gram is already present
     */
    public int add(int contextSlot, int word, long count, long total) {
        if (size + 1 >= capacity) {
            throw new IllegalStateException("count table is full (" + size + " n-grams); the declared count was"
                    + " too small");
        }
        long key = key(contextSlot, word);
        int s = home(key);
        while (data[s * STRIDE] != EMPTY) {
            if (data[s * STRIDE] == key) {
                throw new IllegalStateException("duplicate n-gram (context slot " + contextSlot + ", word " + word + ")");
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        data[s * STRIDE] = key;
        data[s * STRIDE + 1] = count;
        data[s * STRIDE + 2] = total;
        size++;
        return s;
    }

    /** The slot of the n-gram (context slot, word), or -1 when the table does not have it. */
    public int find(int contextSlot, int word) {
        long key = key(contextSlot, word);
        int s = home(key);
        while (true) {
            long k = data[s * STRIDE];
            if (k == key) {
                return s;
            }
            if (k == EMPTY) {
                return -1;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    /** c(hw) of the n-gram in {@code slot}. */
    public long count(int slot) {
        return data[slot * STRIDE + 1];
    }

    /** c(hw·) of the n-gram in {@code slot}: how often it was followed by a word. */
    public long total(int slot) {
        return data[slot * STRIDE + 2];
    }

    /** The number of n-grams. */
    public int size() {
        return size;
    }

    /** Bytes of memory the table's array takes. */
    public long bytes() {
        return 16L + 8L * data.length;
    }

    /** Writes the table as it is in memory, so loading needs no rehashing. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(size);
        for (long v : data) {
            out.writeLong(v);
        }
    }

    /**
     * Reads a table written by {@link #writeTo}, checking the header's capacity against
     * {@code entryBytes} (the length of the entry it is read from) and the free heap first.
     */
    public static CountTable readFrom(DataInputStream in, long entryBytes) throws IOException {
        int capacity = in.readInt();
        int size = in.readInt();
        if (capacity < 4 || size < 0 || size >= capacity || (long) capacity * STRIDE > Integer.MAX_VALUE - 8) {
            throw new IOException("invalid count table header (capacity " + capacity + ", size " + size + ")");
        }
        long bytes = 8L * capacity * STRIDE;
        if (bytes > entryBytes) {
            throw new IOException("a count table header announces " + capacity + " slots (" + bytes + " bytes)"
                    + " but the whole entry holds " + entryBytes + " bytes");
        }
        MemoryBudget.require(bytes, "a count table of " + capacity + " slots", "a smaller model");
        long[] data = new long[capacity * STRIDE];
        for (int i = 0; i < data.length; i++) {
            data[i] = in.readLong();
        }
        return new CountTable(data, size);
    }

    @Override
    public String toString() {
        return "CountTable[" + size + " n-grams in " + capacity + " slots]";
    }
}
