package io.lmkit.neural.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSoftmaxTest {

    private static double[] logits(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextDouble() - 0.5) * scale;
        }
        return x;
    }

    @Test
    void theVectorisedSumAgreesWithTheScalarOneToDoublePrecision() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the tests run with the Vector API, so the vectorised path is the one measured");
        for (int n : new int[] {1, 3, 7, 8, 9, 16, 17, 100, 14_001}) {
            for (double scale : new double[] {0.1, 10, 200, 3000}) {
                double[] x = logits(n + 5, scale, n * 31L + (long) scale);
                double vector = ExactSoftmax.logSumExp(x, 5, n);
                double scalar = ExactSoftmax.logSumExpScalar(x, 5, n);
                assertEquals(scalar, vector, 1e-14 * Math.max(1, Math.abs(scalar)), "n=" + n + " scale=" + scale);
            }
        }
    }

    @Test
    void everyTermAgreesWithMathExpAcrossTheRangeItCovers() {
        // A row of two: ln(e^0 + e^x) − 0 = log1p(e^x) isolates one exp term, x from 0 down to −40.
        for (double x = 0; x > -40; x -= 0.013) {
            double[] row = {0, x, 0, 0, 0, 0, 0, 0};
            double expected = ExactSoftmax.logSumExpScalar(row, 0, 8);
            assertEquals(expected, ExactSoftmax.logSumExp(row, 0, 8), 1e-15 * expected, "x=" + x);
        }
    }

    @Test
    void aRowOfEqualLogitsIsUniform() {
        double[] x = new double[1000];
        java.util.Arrays.fill(x, 2.5);
        assertEquals(2.5 + Math.log(1000), ExactSoftmax.logSumExp(x, 0, 1000), 1e-13);
    }

    @Test
    void specialValuesKeepTheirMeaning() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(Double.NEGATIVE_INFINITY, ExactSoftmax.logSumExp(new double[] {-inf, -inf, -inf, -inf,
                -inf, -inf, -inf, -inf, -inf}, 0, 9));
        assertEquals(Math.log(2), ExactSoftmax.logSumExp(new double[] {0, -inf, -inf, -inf, -inf, -inf, -inf, -inf,
                0}, 0, 9), 1e-15);
        assertTrue(Double.isNaN(ExactSoftmax.logSumExp(new double[] {0, 1, 2, 3, Double.NaN, 5, 6, 7, 8}, 0, 9)));
        // A term far below the rest (e^−2000) adds nothing, as with the scalar exp.
        assertEquals(Math.log(8), ExactSoftmax.logSumExp(new double[] {0, 0, 0, 0, 0, 0, 0, 0, -2000}, 0, 9), 1e-15);
    }

    @Test
    void rowLnProbsAreLogProbabilitiesThatSumToOne() {
        double[] x = logits(3 * 500, 20, 7);
        double[] out = ExactSoftmax.logSoftmax(x, 500, 500);
        double total = 0;
        for (double lp : out) {
            total += Math.exp(lp);
        }
        assertEquals(1, total, 1e-13);
    }
}
