package io.lmkit.ngram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A trie column packs its values exactly: a code for the sign and exponent, then the mantissa bits they need. */
class ValueCodecTest {

    private static long[] doubles(double... values) {
        long[] raw = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = Double.doubleToRawLongBits(values[i]);
        }
        return raw;
    }

    @Test
    void everyDoubleReadsBackBitForBitIncludingZerosInfinitiesAndSubnormals() {
        long[] raw = doubles(0.0, -0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                -0.1, 0.1, -2.75, Math.PI, -1e-300);
        ValueCodec codec = ValueCodec.exact(raw, 64);
        // +0 and the subnormal share one pattern; -0, ±∞, -0.1, 0.1, -2.75, π and -1e-300 add eight.
        assertEquals(4, codec.codeBits(), "9 sign-and-exponent patterns");
        assertEquals(52, codec.mantissaBits(), "0.1 needs every mantissa bit");
        for (long r : raw) {
            assertEquals(r, codec.padded().decode(codec.encode(r)));
        }
    }

    @Test
    void aColumnKeepsOnlyTheMantissaBitsItsMostPreciseValueHas() {
        long[] raw = doubles(-0.75, -0.5, -3.5, -0.625); // 0.625 = 1.01b × 2^-1: two mantissa bits
        ValueCodec codec = ValueCodec.exact(raw, 64);
        assertEquals(2, codec.mantissaBits());
        assertEquals(1, codec.codeBits(), "exponents -1 and 1, all negative: 2 patterns");
        assertEquals(3, codec.width());
        for (long r : raw) {
            assertEquals(r, codec.padded().decode(codec.encode(r)));
        }
        assertThrows(IllegalArgumentException.class, () -> codec.encode(Double.doubleToRawLongBits(-0.8125)),
                "three mantissa bits do not fit");
    }

    @Test
    void float32ProbabilitiesTakeTwentyThreeMantissaBitsAndTheirExponentCode() {
        float[] probs = {Math.nextDown(-1f), -0.001f, -7.5f, -0.5f}; // -(1 + 2^-23) needs all 23 bits
        long[] raw = new long[probs.length];
        for (int i = 0; i < probs.length; i++) {
            raw[i] = Float.floatToRawIntBits(probs[i]) & 0xFFFFFFFFL;
        }
        ValueCodec codec = ValueCodec.exact(raw, 32);
        assertEquals(23, codec.mantissaBits());
        assertEquals(2, codec.codeBits());
        for (int i = 0; i < probs.length; i++) {
            assertEquals(Float.floatToRawIntBits(probs[i]), (int) codec.padded().decode(codec.encode(raw[i])));
        }
    }

    @Test
    void aForgedCodeReadsAZeroPatternNeverOutsideTheTable() {
        ValueCodec codec = ValueCodec.exact(doubles(-0.5, -2.0, -8.0), 64).padded();
        assertEquals(2, codec.codeBits());
        assertEquals(0L, codec.decode(3), "code 3 of three patterns");
    }
}
