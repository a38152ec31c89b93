package io.lmkit.ngram.internal;

import java.util.Arrays;

/**
 * How one column of a trie order's values (log10 probabilities as float32, log10 backoffs as float64) is
 * packed into bit fields. A field holds a code in its low {@code codeBits} and, above it, the
 * {@code mantissaBits} leading bits of the value's mantissa; the value's bit pattern is
 * {@code patterns[code] | mantissa << shift}.
 *
 * <p>Exact ({@link #exact}): the patterns are the sign-and-exponent bit patterns that occur in the column
 * (the log10 values of one order span a few dozen binades, so 4 to 6 bits of code replace the 9 or 12 bits
 * of sign and exponent), and the mantissa keeps as many leading bits as the column's most precise value
 * has: 23 for float32 probabilities, 30 for the backoffs lmkit's estimators compute (their
 * {@code BackoffNormalizer} rounds them so), 52 for any other double. Every value reads back bit for bit.
 * Quantised ({@link #bins}): the patterns are the bin centres and no mantissa is stored.
 *
 * @param codeBits     bits of the code, 0 to 16
 * @param mantissaBits bits of mantissa stored above the code (or, in TRI1 tables, the whole raw value)
 * @param shift        where the stored mantissa bits go in the value's bit pattern
 * @param patterns     the pattern of each code, at most {@code 2^codeBits} (ascending in an exact codec)
 */
record ValueCodec(int codeBits, int mantissaBits, int shift, long[] patterns) {

    /** A column that stores nothing (the backoffs of the highest order). */
    static final ValueCodec NONE = new ValueCodec(0, 0, 0, new long[1]);

    /**
     * The exact codec of a column of raw bit patterns.
     *
     * @param raw        the values' bit patterns ({@code Float.floatToRawIntBits}, unsigned, or
     *                   {@code Double.doubleToRawLongBits})
     * @param formatBits 32 for float32 values, 64 for float64
     */
    static ValueCodec exact(long[] raw, int formatBits) {
        Shape shape = new Shape(formatBits);
        for (long r : raw) {
            shape.add(r);
        }
        return shape.codec();
    }

    /**
     * The exact codec of a column seen one value at a time (for tables written from a stream): the same codec
     * {@link #exact(long[], int)} gives for the same values.
     */
    static final class Shape {
        private final int fraction;
        private final long fractionMask;
        /**
         * The sign-and-exponent parts that occur, by their value ({@code raw >>> fraction}: below 2^9 for a
         * float32, 2^12 for a float64): a bit each, so that adding a value is a bit set, not a tree insert.
         */
        private final java.util.BitSet highs;
        private int mantissa;

        /** An empty column of float32 ({@code formatBits} 32) or float64 (64) bit patterns. */
        Shape(int formatBits) {
            this.fraction = formatBits == 32 ? 23 : 52;
            this.fractionMask = (1L << fraction) - 1;
            this.highs = new java.util.BitSet(1 << (formatBits - fraction));
        }

        /** Adds a value's bit pattern. */
        void add(long raw) {
            highs.set((int) (raw >>> fraction));
            long m = raw & fractionMask;
            mantissa = Math.max(mantissa, m == 0 ? 0 : fraction - Long.numberOfTrailingZeros(m));
        }

        /** The codec of the values added so far. */
        ValueCodec codec() {
            long[] distinct = highs.isEmpty() ? new long[1]
                    : highs.stream().mapToLong(h -> (long) h << fraction).toArray();
            // Ascending as signed longs, as the patterns of an exact codec are (a float64's sign is the long's).
            Arrays.sort(distinct);
            return new ValueCodec(bitsForCodes(distinct.length), mantissa, fraction - mantissa, distinct);
        }
    }

    /** The codec of quantised values: the code is the bin, the pattern its centre's bit pattern. */
    static ValueCodec bins(long[] centres, int bits) {
        return new ValueCodec(bits, 0, 0, centres);
    }

    /** Bits of a code that tells {@code count} patterns apart: 0 for one. */
    static int bitsForCodes(int count) {
        return count <= 1 ? 0 : BitPacking.bitsFor(count - 1);
    }

    /** Bits of a field. */
    int width() {
        return codeBits + mantissaBits;
    }

    /**
     * The field of an exact codec for the value whose bit pattern is {@code raw}.
     *
     * @throws IllegalArgumentException when the column this codec was made for did not have the value
     */
    long encode(long raw) {
        long mantissaMask = ((1L << mantissaBits) - 1) << shift;
        int code = Arrays.binarySearch(patterns, raw & -(1L << (shift + mantissaBits)));
        if (code < 0 || (raw & ((1L << shift) - 1)) != 0) {
            throw new IllegalArgumentException("value bits " + Long.toHexString(raw) + " are not in this column");
        }
        return code | ((raw & mantissaMask) >>> shift) << codeBits;
    }

    /** This codec with a pattern for every possible code, so that a forged code reads a zero pattern, never outside. */
    ValueCodec padded() {
        return new ValueCodec(codeBits, mantissaBits, shift, Arrays.copyOf(patterns, 1 << codeBits));
    }

    /** The bit pattern of the value a field holds (of a {@link #padded} codec). */
    long decode(long field) {
        return patterns[(int) (field & ((1 << codeBits) - 1))] | (field >>> codeBits) << shift;
    }
}
