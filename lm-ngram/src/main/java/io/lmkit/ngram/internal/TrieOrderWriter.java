package io.lmkit.ngram.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one {@link TrieOrder} entry (unquantised: exact float32 probabilities and float64 backoffs, packed by
 * {@link ValueCodec}) to a stream from n-grams that arrive already in trie order, holding none of them: the same
 * bytes as {@link TrieBuilder} gives for the same n-grams. The packing depends on every value of the order, so
 * the n-grams are read twice: once into {@link Columns} (the sign-and-exponent patterns and mantissa widths that
 * occur), then, after the constructor has written the header, once more through {@link #record}; then
 * {@link #pointer} once per context of order k−1 in order (its first child's rank), then {@link #finish}.
 */
public final class TrieOrderWriter {

    /** What one order's values need, gathered in a first pass over its n-grams. */
    public static final class Columns {
        private final boolean withBackoff;
        private final ValueCodec.Shape probs = new ValueCodec.Shape(32);
        private final ValueCodec.Shape backoffs = new ValueCodec.Shape(64);

        /**
         * An empty column pair.
         *
         * @param withBackoff whether the order stores backoffs (every order but the highest)
         */
        public Columns(boolean withBackoff) {
            this.withBackoff = withBackoff;
        }

        /** Adds one n-gram's values, in any order. */
        public void add(float log10Prob, double log10Backoff) {
            addProb(log10Prob);
            addBackoff(log10Backoff);
        }

        /** Adds one n-gram's probability, in any order (its backoff apart, or not at all if it is the same). */
        public void addProb(float log10Prob) {
            probs.add(Float.floatToRawIntBits(log10Prob) & 0xFFFFFFFFL);
        }

        /** Adds one n-gram's backoff, in any order: adding a value again changes nothing. */
        public void addBackoff(double log10Backoff) {
            if (withBackoff) {
                backoffs.add(Double.doubleToRawLongBits(log10Backoff));
            }
        }
    }

    private final OutputStream out;
    private final long size;
    private final long parents;
    private final int wordBits;
    private final int pointerBits;
    private final ValueCodec prob;
    private final ValueCodec backoff;
    private final boolean withBackoff;
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
     * @param columns        every value of this order, gathered beforehand
     */
    public TrieOrderWriter(OutputStream out, int vocabularySize, long size, long parents, Columns columns)
            throws IOException {
        if (size > Integer.MAX_VALUE || parents > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(size + " n-grams under " + parents + " contexts are too many for one"
                    + " trie table; prune the model");
        }
        this.out = out;
        this.size = size;
        this.parents = parents;
        this.withBackoff = columns.withBackoff;
        this.wordBits = BitPacking.bitsFor(Math.max(1, vocabularySize - 1));
        this.pointerBits = BitPacking.bitsFor(size);
        this.prob = columns.probs.codec();
        this.backoff = withBackoff ? columns.backoffs.codec() : ValueCodec.NONE;
        out.write(TrieHeader.write((int) size, (int) parents, wordBits, pointerBits, 0, prob, backoff,
                withBackoff ? backoff.patterns().length : 0));
        this.records = new BitPacking.StreamWriter(out);
    }

    /** Adds the next n-gram in trie order: its last word, its log10 probability and (if stored) backoff. */
    public void record(int word, float log10Prob, double log10Backoff) throws IOException {
        if (pointers != null) {
            throw new IllegalStateException("every record must come before the pointers");
        }
        records.write(word & 0xFFFFFFFFL, wordBits);
        records.write(prob.encode(Float.floatToRawIntBits(log10Prob) & 0xFFFFFFFFL), prob.width());
        if (withBackoff) {
            records.write(backoff.encode(Double.doubleToRawLongBits(log10Backoff)), backoff.width());
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

    /** Ends the entry with the codecs' patterns (the stream stays open). */
    public void finish() throws IOException {
        if (pointersWritten != parents + 1) {
            throw new IllegalStateException("announced " + parents + " contexts, got " + (pointersWritten - 1)
                    + " of them");
        }
        pointers.finish();
        TrieHeader.writePatterns(out, prob, backoff, withBackoff);
    }
}
