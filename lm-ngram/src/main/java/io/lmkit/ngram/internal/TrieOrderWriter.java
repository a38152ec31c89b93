package io.lmkit.ngram.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes one {@link TrieOrder} entry (unquantised: float32 probabilities, float64 backoffs) to a stream from
 * n-grams that arrive already in trie order, holding none of them: the same bytes as {@link TrieBuilder} gives
 * for the same n-grams. Call {@link #record} once per n-gram in order, then {@link #pointer} once per context
 * of order k−1 in order (its first child's rank), then {@link #finish}.
 */
public final class TrieOrderWriter {

    private final OutputStream out;
    private final long size;
    private final long parents;
    private final int wordBits;
    private final int probBits;
    private final int backoffBits;
    private final int pointerBits;
    private final BitPacking.StreamWriter records;
    private BitPacking.StreamWriter pointers;
    private long recordsWritten;
    private long pointersWritten;

    /**
     * Writes the header.
     *
     * @param vocabularySize the number of word ids
     * @param size           the n-grams of this order
     * @param parents        the contexts of order k−1 (the vocabulary size for k = 2)
     * @param withBackoff    whether this order stores backoffs (every order but the highest)
     * @param allNegative    whether every log10 probability of this order has its sign bit set (then 31 bits
     *                       store it, as {@link TrieBuilder} does)
     */
    public TrieOrderWriter(OutputStream out, int vocabularySize, long size, long parents, boolean withBackoff,
                           boolean allNegative) throws IOException {
        if (size > Integer.MAX_VALUE || parents > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(size + " n-grams under " + parents + " contexts are too many for one"
                    + " trie table; prune the model");
        }
        this.out = out;
        this.size = size;
        this.parents = parents;
        this.wordBits = BitPacking.bitsFor(Math.max(1, vocabularySize - 1));
        this.probBits = allNegative ? 31 : 32;
        this.backoffBits = withBackoff ? 64 : 0;
        this.pointerBits = BitPacking.bitsFor(size);
        long recordBytes = BitPacking.columnBytes(size, wordBits + probBits + backoffBits);
        long pointerBytes = BitPacking.columnBytes(parents + 1, pointerBits);
        long end = TrieOrder.HEADER_BYTES + recordBytes + pointerBytes;
        ByteBuffer h = ByteBuffer.allocate(TrieOrder.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(TrieOrder.MAGIC).putInt((int) size).putInt((int) parents).put((byte) wordBits).put((byte) probBits)
                .put((byte) backoffBits).put((byte) pointerBits).put((byte) (allNegative ? TrieOrder.SIGN_IMPLIED : 0))
                .put(new byte[3]).putInt(0).putInt(0).putInt(0)
                .putLong(TrieOrder.HEADER_BYTES).putLong(TrieOrder.HEADER_BYTES + recordBytes).putLong(end)
                .putLong(end);
        out.write(h.array());
        this.records = new BitPacking.StreamWriter(out);
    }

    /** Adds the next n-gram in trie order: its last word, its log10 probability and (if stored) backoff. */
    public void record(int word, float log10Prob, double log10Backoff) throws IOException {
        if (pointers != null) {
            throw new IllegalStateException("every record must come before the pointers");
        }
        records.write(word & 0xFFFFFFFFL, wordBits);
        records.write(Float.floatToRawIntBits(log10Prob) & 0xFFFFFFFFL, probBits);
        if (backoffBits > 0) {
            records.write(Double.doubleToRawLongBits(log10Backoff), 64);
        }
        recordsWritten++;
    }

    /** Adds the next context's first child rank (contexts in order, then one more: the n-gram count). */
    public void pointer(long firstChild) throws IOException {
        if (pointers == null) {
            if (recordsWritten != size) {
                throw new IllegalStateException("announced " + size + " n-grams, got " + recordsWritten);
            }
            records.finish();
            pointers = new BitPacking.StreamWriter(out);
        }
        pointers.write(firstChild, pointerBits);
        pointersWritten++;
    }

    /** Ends the entry (the stream stays open). */
    public void finish() throws IOException {
        if (pointersWritten != parents + 1) {
            throw new IllegalStateException("announced " + parents + " contexts, got " + (pointersWritten - 1)
                    + " of them");
        }
        pointers.finish();
    }
}
