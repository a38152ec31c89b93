package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One order k ≥ 2 of a sorted trie (the idea of KenLM's trie, after Germann et al. 2009): the n-grams
 * sorted by (context id, last word), so that the children of each context of order k−1 are one range
 * of ids, found through a pointer array, and a word is found in its range by binary search. An n-gram's
 * id is its rank in this order.
 *
 * <p>Everything is bit-packed ({@link BitPacking}): each record is its word id in just enough bits, its
 * log10 probability (the float32's 32 bits, 31 when every probability of the order is negative, so the
 * sign is implied) and, below the highest order, its log10 backoff (the float64's 64 bits, so that
 * scores equal the probing layout's exactly, or a float32's 32 if asked); with quantisation, a probability or a backoff is instead
 * the index of a bin centre ({@link QuantizationBins}). The pointer array has one field per context of
 * order k−1 (each vocabulary word for k = 2) plus one: context c's children are ids
 * {@code [pointer(c), pointer(c+1))}.
 *
 * <p>Entry layout, little-endian: a 64-byte header (magic {@code TRI1}; n-grams; contexts; the bits of
 * word, probability, backoff and pointer; flags; bin counts; the byte offsets of the records, the
 * pointers, the probability bins and the backoff bins), then those four parts. {@link #open} checks
 * every size against the entry, so a forged entry never reads outside itself.
 */
public final class TrieOrder implements OrderTable {

    /** The name of this layout. */
    public static final String LAYOUT = "trie";
    static final int MAGIC = 0x31495254; // "TRI1" little-endian
    static final int HEADER_BYTES = 64;
    static final int QUANTIZED_PROB = 1;
    static final int QUANTIZED_BACKOFF = 2;
    static final int SIGN_IMPLIED = 4;

    private final MappedData entry;
    private final MappedData records;
    private final MappedData pointers;
    private final int size;
    private final int parents;
    private final int wordBits;
    private final int probBits;
    private final int backoffBits;
    private final int pointerBits;
    private final int width;
    private final int flags;
    private final float[] probCentres;
    private final double[] backoffCentres;

    private TrieOrder(MappedData entry, int[] h, long[] offsets, float[] probCentres, double[] backoffCentres) {
        this.entry = entry;
        this.size = h[0];
        this.parents = h[1];
        this.wordBits = h[2];
        this.probBits = h[3];
        this.backoffBits = h[4];
        this.pointerBits = h[5];
        this.flags = h[6];
        this.width = wordBits + probBits + backoffBits;
        this.records = entry.slice(offsets[0], offsets[1] - offsets[0]);
        this.pointers = entry.slice(offsets[1], entry.size() - offsets[1]);
        this.probCentres = probCentres;
        this.backoffCentres = backoffCentres;
    }

    /**
     * Opens the trie order an entry holds.
     *
     * @param withBackoff whether this order must carry backoffs (every order but the highest)
     * @throws IOException when the header is invalid or its parts do not fit the entry
     */
    public static TrieOrder open(MappedData entry, boolean withBackoff) throws IOException {
        if (entry.size() < HEADER_BYTES || entry.getInt(0) != MAGIC) {
            throw new IOException("not a trie n-gram table (no TRI1 header in its first 64 bytes)");
        }
        int n = entry.getInt(4);
        int parents = entry.getInt(8);
        int[] h = {n, parents, entry.get(12), entry.get(13), entry.get(14), entry.get(15), entry.get(16),
            entry.getInt(20), entry.getInt(24)};
        long[] offsets = {entry.getLong(32), entry.getLong(40), entry.getLong(48), entry.getLong(56)};
        int flags = h[6];
        boolean valid = n >= 0 && parents >= 0 && h[2] >= 1 && h[2] <= 31 && h[5] >= 1 && h[5] <= 32
                && (withBackoff ? h[4] >= 1 && h[4] <= 64 : h[4] == 0 && (flags & QUANTIZED_BACKOFF) == 0)
                && ((flags & QUANTIZED_PROB) != 0 ? h[3] >= 1 && h[3] <= 16 && h[7] >= 1 && h[7] <= 1 << h[3]
                : h[3] == ((flags & SIGN_IMPLIED) != 0 ? 31 : 32))
                && ((flags & QUANTIZED_BACKOFF) != 0 ? h[4] <= 16 && h[8] >= 1 && h[8] <= 1 << h[4]
                : h[4] == 0 || h[4] == 32 || h[4] == 64)
                && n <= (1L << h[5]) - 1;
        if (!valid) {
            throw new IOException("invalid trie table header (" + n + " n-grams under " + parents + " contexts; bits:"
                    + " word " + h[2] + ", probability " + h[3] + ", backoff " + h[4] + ", pointer " + h[5]
                    + "; flags " + flags + ")");
        }
        long recordBytes = BitPacking.columnBytes(n, h[2] + h[3] + h[4]);
        long pointerBytes = BitPacking.columnBytes(parents + 1L, h[5]);
        int probBins = (flags & QUANTIZED_PROB) != 0 ? h[7] : 0;
        int backoffBins = (flags & QUANTIZED_BACKOFF) != 0 ? h[8] : 0;
        long needed = HEADER_BYTES + recordBytes + pointerBytes + 8L * (probBins + backoffBins);
        if (offsets[0] != HEADER_BYTES || offsets[1] != HEADER_BYTES + recordBytes
                || offsets[2] != offsets[1] + pointerBytes || offsets[3] != offsets[2] + 8L * probBins
                || needed != entry.size()) {
            throw new IOException("a trie table header announces " + n + " n-grams under " + parents
                    + " contexts (" + needed + " bytes) but the entry holds " + entry.size() + " bytes");
        }
        float[] probCentres = new float[probBins];
        for (int i = 0; i < probBins; i++) {
            probCentres[i] = (float) entry.getDouble(offsets[2] + 8L * i);
        }
        double[] backoffCentres = new double[backoffBins];
        for (int i = 0; i < backoffBins; i++) {
            backoffCentres[i] = entry.getDouble(offsets[3] + 8L * i);
        }
        TrieOrder t = new TrieOrder(entry, h, offsets, probCentres, backoffCentres);
        if (t.pointer(0) != 0 || t.pointer(parents) != n) {
            throw new IOException("a trie table's pointers do not span its " + n + " n-grams (they run from "
                    + t.pointer(0) + " to " + t.pointer(parents) + ")");
        }
        return t;
    }

    private int pointer(int context) {
        return (int) BitPacking.read(pointers, (long) context * pointerBits, pointerBits);
    }

    @Override
    public int find(int contextId, int word) {
        if (contextId < 0 || contextId >= parents) {
            return -1;
        }
        // Clamped, so that forged pointers (which only lmkit verify would find) never read past the records.
        int lo = Math.min(pointer(contextId), size);
        int hi = Math.min(pointer(contextId + 1), size) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int w = word(mid);
            if (w < word) {
                lo = mid + 1;
            } else if (w > word) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public int word(int id) {
        return (int) BitPacking.read(records, (long) id * width, wordBits);
    }

    @Override
    public float log10Prob(int id) {
        long v = BitPacking.read(records, (long) id * width + wordBits, probBits);
        if ((flags & QUANTIZED_PROB) != 0) {
            return probCentres[(int) v];
        }
        return Float.intBitsToFloat((flags & SIGN_IMPLIED) != 0 ? (int) v | 0x80000000 : (int) v);
    }

    @Override
    public double log10Backoff(int id) {
        if (backoffBits == 0) {
            return 0;
        }
        long v = BitPacking.read(records, (long) id * width + wordBits + probBits, backoffBits);
        if ((flags & QUANTIZED_BACKOFF) != 0) {
            return backoffCentres[(int) v];
        }
        return backoffBits == 32 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
    }

    /** The context whose range holds {@code id}: the last context whose range starts at or before it. */
    @Override
    public int contextId(int id) {
        int lo = 0;
        int hi = parents - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pointer(mid) <= id) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public boolean occupied(int id) {
        return id >= 0 && id < size;
    }

    @Override
    public int idLimit() {
        return size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean hasBackoffs() {
        return backoffBits > 0;
    }

    @Override
    public long bytes() {
        return entry.size();
    }

    @Override
    public String layout() {
        return LAYOUT;
    }

    /** Bits a probability takes here (32 or 31 unquantised, else the bin index's). */
    public int probabilityBits() {
        return probBits;
    }

    /** Bits a backoff takes here (64 exact, 32 as float32, 0 at the highest order, else the bin index's). */
    public int backoffBits() {
        return backoffBits;
    }

    @Override
    public void writeMappable(OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long at = 0; at < entry.size(); at += buf.length) {
            int n = (int) Math.min(buf.length, entry.size() - at);
            entry.get(at, buf, 0, n);
            out.write(buf, 0, n);
        }
    }

    @Override
    public String toString() {
        return "TrieOrder[" + size + " n-grams under " + parents + " contexts, " + width + " bits each]";
    }
}
