package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Numbers as KenLM writes them (double-conversion's shortest mode, plain notation for decimal
 * exponents −6 to 20); the expected strings are ones query printed or follow its rules.
 */
class ShortestDecimalTest {

    @Test
    void floatsTakeTheFewestDigitsThatReadBack() {
        assertEquals("-0.4846522", ShortestDecimal.of(-0.4846522f));
        assertEquals("-0.80758655", ShortestDecimal.of(-0.80758655f));
        assertEquals("-0.003061223", ShortestDecimal.of(-0.003061223f));
        assertEquals("-15", ShortestDecimal.of(-15f));
        assertEquals("-99.30103", ShortestDecimal.of(-99.30103f));
        assertEquals("0.1", ShortestDecimal.of(0.1f));
        assertEquals("100", ShortestDecimal.of(100f));
    }

    @Test
    void doublesTakeUpToSeventeenDigits() {
        assertEquals("132194.36760669752", ShortestDecimal.of(132194.36760669752));
        assertEquals("22.060861018131604", ShortestDecimal.of(22.060861018131604));
        assertEquals("0.30000000000000004", ShortestDecimal.of(0.1 + 0.2));
    }

    @Test
    void exponentNotationOutsideMinusSixToTwenty() {
        assertEquals("0.000001", ShortestDecimal.of(1e-6f));
        assertEquals("1e-7", ShortestDecimal.of(1e-7f));
        assertEquals("-1.5e-7", ShortestDecimal.of(-1.5e-7));
        assertEquals("100000000000000000000", ShortestDecimal.of(1e20));
        assertEquals("1e21", ShortestDecimal.of(1e21));
    }

    @Test
    void zeroInfinityAndNaN() {
        assertEquals("0", ShortestDecimal.of(0f));
        assertEquals("-0", ShortestDecimal.of(-0.0));
        assertEquals("-inf", ShortestDecimal.of(Float.NEGATIVE_INFINITY));
        assertEquals("inf", ShortestDecimal.of(Double.POSITIVE_INFINITY));
        assertEquals("NaN", ShortestDecimal.of(Double.NaN));
    }

    @Test
    void everyFloatWrittenReadsBackToItself() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                assertEquals(f, Float.parseFloat(ShortestDecimal.of(f)), ShortestDecimal.of(f));
            }
        }
    }

    @Test
    void theDigitsAreTheFewestThatReadBack() {
        // The reference: the exact value rounded to 1, 2, 3 ... digits until one reads back.
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(f) || f == 0) {
                continue;
            }
            java.math.BigDecimal exact = new java.math.BigDecimal(f);
            int fewest = 1;
            while (exact.round(new java.math.MathContext(fewest)).floatValue() != f) {
                fewest++;
            }
            String written = ShortestDecimal.of(f);
            int digits = new java.math.BigDecimal(written.replace("e", "E")).stripTrailingZeros().precision();
            assertEquals(fewest, digits, written + " for " + f);
        }
    }

    @Test
    void resourceLineNumbersAreWrittenAsCppStreamsWriteThem() {
        assertEquals("0.002149", QueryUsageLine.general(0.002149));
        assertEquals("0.00219237", QueryUsageLine.general(0.002192370001));
        assertEquals("0", QueryUsageLine.general(0));
        assertEquals("3.1574", QueryUsageLine.general(3.1574));
        assertEquals("1.5e-05", QueryUsageLine.general(0.000015));
        assertEquals("1.23457e+06", QueryUsageLine.general(1234567));
    }
}
