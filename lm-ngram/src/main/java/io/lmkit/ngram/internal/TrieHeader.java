package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 64-byte little-endian header of a trie order's entry, checked against the entry, with the codecs of
 * its probability and backoff columns. The records start right after the header; the pointers, then the
 * codecs' patterns (8 bytes each), follow them.
 *
 * <p>{@code TRI2} (this lmkit): magic; n-grams; contexts; bits of word and pointer; flags; code and mantissa
 * bits of probability and backoff ({@link ValueCodec}); the number of probability and backoff patterns; the
 * byte offsets of the records, the pointers, the probability patterns and the backoff patterns.
 *
 * <p>{@code TRI1} (lmkit before the packed columns, still read): magic; n-grams; contexts; bits of word,
 * probability, backoff and pointer; flags; bin counts; the same four offsets. Its probabilities are raw
 * float32s (31 bits when the sign is implied) or bin indices, its backoffs raw float64s, raw float32s or bin
 * indices; they are read as codecs with one pattern and the raw value as the "mantissa".
 *
 * @param ngrams          n-grams in the order
 * @param parents         contexts in the order below (vocabulary words for order 2)
 * @param wordBits        bits of a word id
 * @param pointerBits     bits of a pointer
 * @param flags           {@link #QUANTIZED_PROB}, {@link #QUANTIZED_BACKOFF}, {@link #FLOAT32_BACKOFF}
 * @param prob            the probability column's codec (padded)
 * @param backoff         the backoff column's codec (padded; {@link ValueCodec#NONE} at the highest order)
 * @param hasBackoffs     whether the order carries backoffs (every order but the highest)
 * @param rawFloatBackoff whether a decoded backoff is a float32's pattern (TRI1 float32 backoffs), not a float64's
 * @param pointersOffset  the byte offset of the pointers in the entry
 */
record TrieHeader(int ngrams, int parents, int wordBits, int pointerBits, int flags, ValueCodec prob,
                  ValueCodec backoff, boolean hasBackoffs, boolean rawFloatBackoff, long pointersOffset) {

    static final int BYTES = 64;
    static final int MAGIC = 0x32495254; // "TRI2" little-endian
    static final int MAGIC_V1 = 0x31495254; // "TRI1"
    /** Probabilities are bin indices. */
    static final int QUANTIZED_PROB = 1;
    /** Backoffs are bin indices. */
    static final int QUANTIZED_BACKOFF = 2;
    /** TRI1: every probability is negative, and the sign bit is not stored. */
    static final int SIGN_IMPLIED = 4;
    /** Backoffs were rounded to float32 (a record of what was asked, for the layout's name). */
    static final int FLOAT32_BACKOFF = 8;

    /** Bits of a record. */
    int recordBits() {
        return wordBits + prob.width() + backoff.width();
    }

    /** The TRI2 header of an order; the entry is this, the records, the pointers, then the codecs' patterns. */
    static byte[] write(int ngrams, int parents, int wordBits, int pointerBits, int flags, ValueCodec prob,
                        ValueCodec backoff, int backoffPatterns) {
        long recordBytes = BitPacking.columnBytes(ngrams, wordBits + prob.width() + backoff.width());
        long pointerBytes = BitPacking.columnBytes(parents + 1L, pointerBits);
        long probAt = BYTES + recordBytes + pointerBytes;
        ByteBuffer h = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putInt(ngrams).putInt(parents).put((byte) wordBits).put((byte) pointerBits).put((byte) flags)
                .put((byte) prob.codeBits()).put((byte) prob.mantissaBits()).put((byte) backoff.codeBits())
                .put((byte) backoff.mantissaBits()).put((byte) 0).putInt(prob.patterns().length).putInt(backoffPatterns)
                .putInt(0).putLong(BYTES).putLong(BYTES + recordBytes).putLong(probAt)
                .putLong(probAt + 8L * prob.patterns().length);
        return h.array();
    }

    /**
     * Writes the end of a TRI2 entry: the codecs' patterns, the probabilities' then (with backoffs) the
     * backoffs', each a little-endian long.
     */
    static void writePatterns(java.io.OutputStream out, ValueCodec prob, ValueCodec backoff, boolean withBackoff)
            throws java.io.IOException {
        int backoffPatterns = withBackoff ? backoff.patterns().length : 0;
        ByteBuffer patterns = ByteBuffer.allocate(8 * (prob.patterns().length + backoffPatterns))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long p : prob.patterns()) {
            patterns.putLong(p);
        }
        for (int b = 0; b < backoffPatterns; b++) {
            patterns.putLong(backoff.patterns()[b]);
        }
        out.write(patterns.array());
    }

    /**
     * Reads and checks the header of a TRI2 or TRI1 entry.
     *
     * @param withBackoff whether the order must carry backoffs (every order but the highest)
     * @throws IOException when the header is invalid or its parts do not fit the entry
     */
    static TrieHeader read(MappedData entry, boolean withBackoff) throws IOException {
        int magic = entry.size() < BYTES ? 0 : entry.getInt(0);
        if (magic == MAGIC_V1) {
            return readV1(entry, withBackoff);
        }
        if (magic != MAGIC) {
            throw new IOException("not a trie n-gram table (no TRI2 or TRI1 header in its first 64 bytes)");
        }
        int n = entry.getInt(4);
        int parents = entry.getInt(8);
        int wordBits = entry.get(12);
        int pointerBits = entry.get(13);
        int flags = entry.get(14);
        int[] bits = {entry.get(15), entry.get(16), entry.get(17), entry.get(18)};
        int probCount = entry.getInt(20);
        int backoffCount = entry.getInt(24);
        boolean qp = (flags & QUANTIZED_PROB) != 0;
        boolean qb = (flags & QUANTIZED_BACKOFF) != 0;
        boolean valid = n >= 0 && parents >= 0 && wordBits >= 1 && wordBits <= 31 && pointerBits >= 1
                && pointerBits <= 32 && n <= (1L << pointerBits) - 1 && (flags & ~(QUANTIZED_PROB | QUANTIZED_BACKOFF
                | FLOAT32_BACKOFF)) == 0
                && column(bits[0], bits[1], probCount, qp, 23)
                && (withBackoff ? column(bits[2], bits[3], backoffCount, qb, 52)
                : bits[2] == 0 && bits[3] == 0 && backoffCount == 0 && !qb && (flags & FLOAT32_BACKOFF) == 0);
        if (!valid) {
            throw new IOException("invalid trie table header (" + n + " n-grams under " + parents + " contexts; bits:"
                    + " word " + wordBits + ", probability " + bits[0] + "+" + bits[1] + ", backoff " + bits[2] + "+"
                    + bits[3] + ", pointer " + pointerBits + "; flags " + flags + ")");
        }
        long recordBytes = BitPacking.columnBytes(n, wordBits + bits[0] + bits[1] + bits[2] + bits[3]);
        long pointerBytes = BitPacking.columnBytes(parents + 1L, pointerBits);
        long[] at = offsets(entry, n, parents, recordBytes, pointerBytes, probCount, backoffCount);
        ValueCodec prob = new ValueCodec(bits[0], bits[1], qp ? 0 : 23 - bits[1], patterns(entry, at[2], probCount));
        ValueCodec backoff = withBackoff ? new ValueCodec(bits[2], bits[3], qb ? 0 : 52 - bits[3],
                patterns(entry, at[3], backoffCount)) : ValueCodec.NONE;
        return new TrieHeader(n, parents, wordBits, pointerBits, flags, prob.padded(), backoff.padded(), withBackoff,
                false, at[1]);
    }

    /** Whether a column's bits and pattern count are possible: quantised columns store no mantissa. */
    private static boolean column(int codeBits, int mantissaBits, int count, boolean quantized, int fraction) {
        return codeBits >= 0 && codeBits <= 16 && count >= 1 && count <= 1 << codeBits
                && (quantized ? codeBits >= 1 && mantissaBits == 0 : mantissaBits >= 0 && mantissaBits <= fraction);
    }

    /** The four offsets of the header, checked against the sizes the header implies and the entry's size. */
    private static long[] offsets(MappedData entry, int n, int parents, long recordBytes, long pointerBytes,
                                  int probCount, int backoffCount) throws IOException {
        long[] at = {entry.getLong(32), entry.getLong(40), entry.getLong(48), entry.getLong(56)};
        long needed = BYTES + recordBytes + pointerBytes + 8L * (probCount + backoffCount);
        if (at[0] != BYTES || at[1] != BYTES + recordBytes || at[2] != at[1] + pointerBytes
                || at[3] != at[2] + 8L * probCount || needed != entry.size()) {
            throw new IOException("a trie table header announces " + n + " n-grams under " + parents
                    + " contexts (" + needed + " bytes) but the entry holds " + entry.size() + " bytes");
        }
        return at;
    }

    private static long[] patterns(MappedData entry, long at, int count) {
        long[] p = new long[count];
        for (int i = 0; i < count; i++) {
            p[i] = entry.getLong(at + 8L * i);
        }
        return p;
    }

    /** A TRI1 header: raw float32 probabilities (31 bits when the sign is implied), raw or binned backoffs. */
    private static TrieHeader readV1(MappedData entry, boolean withBackoff) throws IOException {
        int n = entry.getInt(4);
        int parents = entry.getInt(8);
        int[] h = {n, parents, entry.get(12), entry.get(13), entry.get(14), entry.get(15), entry.get(16),
            entry.getInt(20), entry.getInt(24)};
        int flags = h[6];
        boolean qp = (flags & QUANTIZED_PROB) != 0;
        boolean qb = (flags & QUANTIZED_BACKOFF) != 0;
        boolean valid = n >= 0 && parents >= 0 && h[2] >= 1 && h[2] <= 31 && h[5] >= 1 && h[5] <= 32
                && (withBackoff ? h[4] >= 1 && h[4] <= 64 : h[4] == 0 && !qb)
                && (qp ? h[3] >= 1 && h[3] <= 16 && h[7] >= 1 && h[7] <= 1 << h[3]
                : h[3] == ((flags & SIGN_IMPLIED) != 0 ? 31 : 32))
                && (qb ? h[4] <= 16 && h[8] >= 1 && h[8] <= 1 << h[4] : h[4] == 0 || h[4] == 32 || h[4] == 64)
                && n <= (1L << h[5]) - 1;
        if (!valid) {
            throw new IOException("invalid trie table header (" + n + " n-grams under " + parents + " contexts; bits:"
                    + " word " + h[2] + ", probability " + h[3] + ", backoff " + h[4] + ", pointer " + h[5]
                    + "; flags " + flags + ")");
        }
        long recordBytes = BitPacking.columnBytes(n, h[2] + h[3] + h[4]);
        long pointerBytes = BitPacking.columnBytes(parents + 1L, h[5]);
        int probBins = qp ? h[7] : 0;
        int backoffBins = qb ? h[8] : 0;
        long[] at = offsets(entry, n, parents, recordBytes, pointerBytes, probBins, backoffBins);
        ValueCodec prob;
        if (qp) {
            long[] centres = patterns(entry, at[2], probBins);
            for (int i = 0; i < probBins; i++) {
                centres[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(centres[i])) & 0xFFFFFFFFL;
            }
            prob = ValueCodec.bins(centres, h[3]);
        } else {
            prob = new ValueCodec(0, h[3], 0, new long[] {(flags & SIGN_IMPLIED) != 0 ? 0x80000000L : 0});
        }
        ValueCodec backoff = !withBackoff ? ValueCodec.NONE
                : qb ? ValueCodec.bins(patterns(entry, at[3], backoffBins), h[4])
                : new ValueCodec(0, h[4], 0, new long[1]);
        int v2flags = (flags & (QUANTIZED_PROB | QUANTIZED_BACKOFF)) | (!qb && h[4] == 32 ? FLOAT32_BACKOFF : 0);
        return new TrieHeader(n, parents, h[2], h[5], v2flags, prob.padded(), backoff.padded(), withBackoff,
                h[4] == 32 && !qb, at[1]);
    }
}
