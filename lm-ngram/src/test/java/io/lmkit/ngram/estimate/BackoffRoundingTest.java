package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backoffs keep 30 mantissa bits, rounded to the nearest: what the trie stores in about 34 bits. */
class BackoffRoundingTest {

    @Test
    void aBackoffIsTheNearestDoubleOfThirtyMantissaBits() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (random.nextDouble() - 0.7) * Math.pow(10, random.nextInt(6) - 3);
            double r = BackoffNormalizer.rounded(x);
            assertEquals(0, Double.doubleToRawLongBits(r) & ((1L << 22) - 1), "30 mantissa bits: " + r);
            double halfUlp = Math.ulp(x) * (1L << 21); // half of a 30-bit mantissa's last place
            BigDecimal error = new BigDecimal(r).subtract(new BigDecimal(x)).abs();
            assertTrue(error.compareTo(new BigDecimal(halfUlp)) <= 0, x + " rounded to " + r);
        }
    }

    @Test
    void zerosInfinitiesAndACarryIntoTheExponentComeOutRight() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(BackoffNormalizer.rounded(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(BackoffNormalizer.rounded(-0.0)));
        assertEquals(Double.NEGATIVE_INFINITY, BackoffNormalizer.rounded(Double.NEGATIVE_INFINITY));
        assertEquals(-2.0, BackoffNormalizer.rounded(Math.nextUp(-2.0)), "just above -2 rounds to -2");
        assertEquals(1.0, BackoffNormalizer.rounded(Math.nextDown(1.0)), "just below 1 carries into the exponent");
    }
}
