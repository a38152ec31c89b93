package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One order k ≥ 2 of a sorted trie (the idea of KenLM's trie, after Germann et al. 2009): the n-grams
 * sorted by (context id, last word), so that the children of each context of order k−1 are one range
 * of ids, found through a pointer array, and a word is found in its range by binary search. An n-gram's
 * id is its rank in this order.
 *
 * <p>Everything is bit-packed ({@link BitPacking}): each record is its word id in just enough bits, its
 * log10 probability and, below the highest order, its log10 backoff, each a field of its column's
 * {@link ValueCodec}: exactly, a code for the sign and exponent (one of the few that occur in the order)
 * and the mantissa bits the column needs (23 for the float32 probabilities; 30 for the backoffs lmkit's
 * estimators compute, 52 for any other double), so that scores equal the probing layout's bit for bit;
 * with quantisation, the index of a bin centre ({@link QuantizationBins}). The pointer array has one field
 * per context of order k−1 (each vocabulary word for k = 2) plus one: context c's children are ids
 * {@code [pointer(c), pointer(c+1))}.
 *
 * <p>Entry layout: a 64-byte header ({@link TrieHeader}: {@code TRI2}, or {@code TRI1} as older lmkit wrote
 * it), then the records, the pointers and the codecs' patterns. {@link #open} checks every size against the
 * entry, so a forged entry never reads outside itself.
 */
public final class TrieOrder implements OrderTable {

    /** The name of this layout. */
    public static final String LAYOUT = "trie";

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
    private final TrieHeader header;
    private final ValueCodec prob;
    private final ValueCodec backoff;
    private final boolean hasBackoffs;
    private final boolean rawFloatBackoff;

    private TrieOrder(MappedData entry, TrieHeader h) {
        this.entry = entry;
        this.header = h;
        this.size = h.ngrams();
        this.parents = h.parents();
        this.wordBits = h.wordBits();
        this.probBits = h.prob().width();
        this.backoffBits = h.backoff().width();
        this.pointerBits = h.pointerBits();
        this.width = h.recordBits();
        this.records = entry.slice(TrieHeader.BYTES, h.pointersOffset() - TrieHeader.BYTES);
        this.pointers = entry.slice(h.pointersOffset(), entry.size() - h.pointersOffset());
        this.prob = h.prob();
        this.backoff = h.backoff();
        this.hasBackoffs = h.hasBackoffs();
        this.rawFloatBackoff = h.rawFloatBackoff();
    }

    /**
     * Opens the trie order an entry holds.
     *
     * @param withBackoff whether this order must carry backoffs (every order but the highest)
     * @throws IOException when the header is invalid or its parts do not fit the entry
     */
    public static TrieOrder open(MappedData entry, boolean withBackoff) throws IOException {
        TrieOrder t = new TrieOrder(entry, TrieHeader.read(entry, withBackoff));
        if (t.pointer(0) != 0 || t.pointer(t.parents) != t.size) {
            throw new IOException("a trie table's pointers do not span its " + t.size + " n-grams (they run from "
                    + t.pointer(0) + " to " + t.pointer(t.parents) + ")");
        }
        return t;
    }

    private int pointer(int context) {
        return (int) BitPacking.read(pointers, (long) context * pointerBits, pointerBits);
    }

    /** The id of the first n-gram under context {@code context} of order k−1; {@code firstChild(parents())} is the size. */
    long firstChild(int context) {
        return BitPacking.read(pointers, (long) context * pointerBits, pointerBits);
    }

    /** The contexts of order k−1 (the vocabulary's size for k = 2). */
    int parents() {
        return parents;
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
        long field = BitPacking.read(records, (long) id * width + wordBits, probBits);
        return Float.intBitsToFloat((int) prob.decode(field));
    }

    @Override
    public double log10Backoff(int id) {
        if (!hasBackoffs) {
            return 0;
        }
        long raw = backoff.decode(BitPacking.read(records, (long) id * width + wordBits + probBits, backoffBits));
        return rawFloatBackoff ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
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
        return hasBackoffs;
    }

    @Override
    public long bytes() {
        return entry.size();
    }

    @Override
    public String layout() {
        return LAYOUT;
    }

    /** Bits of a quantised probability, 0 when probabilities are exact. */
    public int quantizedProbBits() {
        return (header.flags() & TrieHeader.QUANTIZED_PROB) != 0 ? prob.codeBits() : 0;
    }

    /** Bits of a quantised backoff, 32 when backoffs were rounded to float32, 0 when they are exact. */
    public int quantizedBackoffBits() {
        if ((header.flags() & TrieHeader.QUANTIZED_BACKOFF) != 0) {
            return backoff.codeBits();
        }
        return (header.flags() & TrieHeader.FLOAT32_BACKOFF) != 0 ? 32 : 0;
    }

    /** Bits a probability takes in a record. */
    public int probabilityBits() {
        return probBits;
    }

    /** Bits a backoff takes in a record (0 at the highest order). */
    public int backoffBits() {
        return backoffBits;
    }

    /** Bits of a record: word, probability and backoff. */
    public int recordBits() {
        return width;
    }

    /** Bits of a pointer. */
    public int pointerBits() {
        return pointerBits;
    }

    @Override
    public void writeMappable(OutputStream out) throws IOException {
        entry.writeTo(out);
    }

    @Override
    public void writeMappable(ModelDataSink sink, String name) throws IOException {
        sink.mappableEntry(name, entry);
    }

    @Override
    public String toString() {
        return "TrieOrder[" + size + " n-grams under " + parents + " contexts, " + width + " bits each]";
    }
}
