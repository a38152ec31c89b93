package io.lmkit.ngram.internal;

import java.io.DataInputStream;
import io.lmkit.core.MemoryBudget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The n-grams of one order (2 or more) in one packed, fixed-capacity open-addressing table.
 *
 * <p>An n-gram is keyed by its context's slot in the table one order down and its last word
 * (context encoding, as in BerkeleyLM): {@code key = contextSlot << 32 | word}. A slot holds the
 * key, the log10 probability as a float32 (KenLM's precision) and, in tables of orders that are
 * contexts of a higher order, the log10 backoff weight as a float64: backoffs are computed so that
 * every distribution sums to 1 within 2e-10 (30 mantissa bits), which float32 could not keep. The
 * fields of a slot sit side by side in one {@code int[]} (5 ints with a backoff, 3 without), so a
 * lookup touches one or two cache lines. The slot where an n-gram lands is its id: the next order's keys refer to it.
 * Linear probing; the capacity is fixed when the table is made.
 *
 * <p>Built by one thread, then read-only and safe to share.
 */
public final class NgramTable implements OrderTable {

    /** Slots per n-gram: with 1.2, a table is 83% full. */
    static final double SLOTS_PER_NGRAM = 1.2;
    private static final int EMPTY_HIGH = -1;

    private final int[] data;
    private final int stride;
    private final int capacity;
    private int size;

    /**
     * A table with room for {@code ngrams} n-grams.
     *
     * @param withBackoff whether the n-grams carry backoff weights (every order but the highest)
     */
    public NgramTable(int ngrams, boolean withBackoff) {
        this.stride = withBackoff ? 5 : 3;
        long cap = Math.max(4, (long) Math.ceil(ngrams * SLOTS_PER_NGRAM) + 1);
        if (cap * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(ngrams + " n-grams of one order do not fit in one table (at most "
                    + (int) ((Integer.MAX_VALUE - 8) / stride / SLOTS_PER_NGRAM) + "); prune the model");
        }
        this.capacity = (int) cap;
        this.data = new int[capacity * stride];
        for (int s = 0; s < capacity; s++) {
            data[s * stride] = EMPTY_HIGH;
        }
    }

    private NgramTable(int[] data, int stride, int size) {
        this.data = data;
        this.stride = stride;
        this.capacity = data.length / stride;
        this.size = size;
    }

    private int home(int contextSlot, int word) {
        return home(contextSlot, word, capacity);
    }

    /** The first slot probed for (context slot, word) in a table of {@code capacity} slots. */
    static int home(int contextSlot, int word, int capacity) {
        long key = ((long) contextSlot << 32) | (word & 0xFFFFFFFFL);
        // Lemire's multiply-shift maps the hash onto [0, capacity) without a power-of-two size.
        return (int) Math.multiplyHigh(Hashing.mix(key) >>> 1, (long) capacity << 1);
    }

    /**
     * Adds an n-gram and returns its slot.
     *
     * @param contextSlot the slot of its first words one order down (the word id for bigrams), ≥ 0
     * @throws IllegalStateException when the table is full or the n-gram is already present
     */
    public int add(int contextSlot, int word, float log10Prob, double log10Backoff) {
        if (size + 1 >= capacity) {
            throw new IllegalStateException("n-gram table is full (" + size + " n-grams); the declared count was"
                    + " too small");
        }
        int s = home(contextSlot, word);
        while (data[s * stride] != EMPTY_HIGH) {
            if (data[s * stride] == contextSlot && data[s * stride + 1] == word) {
                throw new IllegalStateException("duplicate n-gram (context slot " + contextSlot + ", word " + word + ")");
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        int i = s * stride;
        data[i] = contextSlot;
        data[i + 1] = word;
        data[i + 2] = Float.floatToRawIntBits(log10Prob);
        size++;
        if (stride == 5) {
            setLog10Backoff(s, log10Backoff);
        }
        return s;
    }

    /**
     * Reads the slot where {@link #add} would start probing for (context slot, word) and returns a value of it:
     * a filler that touches the home slots of a batch of n-grams before adding them one by one lets the cache
     * misses of the batch overlap, instead of waiting for each in turn. It changes nothing.
     */
    public int touch(int contextSlot, int word) {
        return data[home(contextSlot, word) * stride];
    }

    /**
     * Heap tables holding the n-grams of {@code source} (index k for order k ≥ 2), whatever its layout:
     * how a mapped or trie model becomes a probing one again.
     */
    public static NgramTable[] copyOf(OrderTable[] source) {
        int order = source.length - 1;
        NgramTable[] out = new NgramTable[source.length];
        int[] slotOfParent = null;
        for (int k = 2; k <= order; k++) {
            OrderTable src = source[k];
            NgramTable t = new NgramTable(src.size(), k < order);
            int[] slotOf = new int[src.idLimit()];
            for (int id = 0; id < src.idLimit(); id++) {
                if (src.occupied(id)) {
                    int c = src.contextId(id);
                    slotOf[id] = t.add(slotOfParent == null ? c : slotOfParent[c], src.word(id), src.log10Prob(id),
                            src.log10Backoff(id));
                }
            }
            out[k] = t;
            slotOfParent = slotOf;
        }
        return out;
    }

    /** The slot of the n-gram (context slot, word), or -1 when the table does not have it. */
    @Override
    public int find(int contextSlot, int word) {
        int s = home(contextSlot, word);
        while (true) {
            int i = s * stride;
            int c = data[i];
            if (c == contextSlot && data[i + 1] == word) {
                return s;
            }
            if (c == EMPTY_HIGH) {
                return -1;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    /** The log10 probability of the n-gram in {@code slot}. */
    @Override
    public float log10Prob(int slot) {
        return Float.intBitsToFloat(data[slot * stride + 2]);
    }

    /** The log10 backoff weight of the n-gram in {@code slot} (0 in a table without backoffs). */
    @Override
    public double log10Backoff(int slot) {
        if (stride == 3) {
            return 0;
        }
        int i = slot * stride;
        return Double.longBitsToDouble(((long) data[i + 3] << 32) | (data[i + 4] & 0xFFFFFFFFL));
    }

    /** Replaces the backoff of the n-gram in {@code slot}. */
    public void setLog10Backoff(int slot, double log10Backoff) {
        if (stride == 3) {
            if (log10Backoff != 0) {
                throw new IllegalStateException("this order has no backoff weights (it is the highest order)");
            }
            return;
        }
        long bits = Double.doubleToRawLongBits(log10Backoff);
        int i = slot * stride;
        data[i + 3] = (int) (bits >>> 32);
        data[i + 4] = (int) bits;
    }

    /** The context slot of the n-gram in {@code slot}. */
    public int contextSlot(int slot) {
        return data[slot * stride];
    }

    /** The last word of the n-gram in {@code slot}. */
    @Override
    public int word(int slot) {
        return data[slot * stride + 1];
    }

    /** Whether {@code slot} holds an n-gram. */
    @Override
    public boolean occupied(int slot) {
        return data[slot * stride] != EMPTY_HIGH;
    }

    /** Whether the n-grams of this table carry backoff weights. */
    @Override
    public boolean hasBackoffs() {
        return stride == 5;
    }

    @Override
    public int contextId(int slot) {
        return contextSlot(slot);
    }

    @Override
    public int idLimit() {
        return capacity;
    }

    @Override
    public String layout() {
        return MappedProbingTable.LAYOUT;
    }

    /** Writes the table little-endian after {@link MappedProbingTable}'s header, to be mapped when read. */
    @Override
    public void writeMappable(OutputStream out) throws IOException {
        out.write(MappedProbingTable.header(stride, capacity, size));
        byte[] buf = new byte[4 * 8192];
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; i += 8192) {
            int n = Math.min(8192, data.length - i);
            b.clear();
            b.asIntBuffer().put(data, i, n);
            out.write(buf, 0, 4 * n);
        }
    }

    /** The number of slots, occupied or not. */
    public int capacity() {
        return capacity;
    }

    /** The number of n-grams. */
    @Override
    public int size() {
        return size;
    }

    /** Bytes of memory the table's array takes. */
    @Override
    public long bytes() {
        return 16L + 4L * data.length;
    }

    /**
     * Reads a table of n-gram data version 2 (big-endian: stride, capacity, size, then the ints of the slots),
     * as older lmkit wrote it into {@code data/ngram.bin}. The header's capacity is checked against
     * {@code entryBytes}, the length of the entry it is read from, and against the free heap before
     * anything is allocated: a forged header must not allocate gigabytes.
     */
    public static NgramTable readFrom(DataInputStream in, long entryBytes) throws IOException {
        int stride = in.readInt();
        int capacity = in.readInt();
        int size = in.readInt();
        if ((stride != 3 && stride != 5) || capacity < 4 || size < 0 || size >= capacity
                || (long) capacity * stride > Integer.MAX_VALUE - 8) {
            throw new IOException("invalid n-gram table header (stride " + stride + ", capacity " + capacity
                    + ", size " + size + ")");
        }
        long bytes = 4L * capacity * stride;
        if (bytes > entryBytes) {
            throw new IOException("an n-gram table header announces " + capacity + " slots (" + bytes + " bytes)"
                    + " but the whole entry holds " + entryBytes + " bytes");
        }
        MemoryBudget.require(bytes, "an n-gram table of " + capacity + " slots", "a smaller model");
        int[] data = new int[capacity * stride];
        byte[] buf = new byte[4 * 8192];
        for (int i = 0; i < data.length; i += 8192) {
            int n = Math.min(8192, data.length - i);
            in.readFully(buf, 0, 4 * n);
            for (int j = 0; j < n; j++) {
                data[i + j] = (buf[4 * j] << 24) | ((buf[4 * j + 1] & 0xFF) << 16) | ((buf[4 * j + 2] & 0xFF) << 8)
                        | (buf[4 * j + 3] & 0xFF);
            }
        }
        return new NgramTable(data, stride, size);
    }

    @Override
    public String toString() {
        return "NgramTable[" + size + " n-grams in " + capacity + " slots]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramTable t && stride == t.stride && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
