package io.lmkit.neural.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import java.util.Optional;
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

    @Test
    void float32LogitsGiveTheBitsOfTheirFloat64Copy() {
        for (int n : new int[] {1, 7, 8, 9, 17, 100, 14_001}) {
            for (double scale : new double[] {0.1, 10, 200}) {
                double[] source = logits(n + 5, scale, n * 17L + (long) scale);
                float[] x = new float[source.length];
                double[] wide = new double[source.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) source[i];
                    wide[i] = x[i];
                }
                assertEquals(ExactSoftmax.logSumExp(wide, 5, n), ExactSoftmax.logSumExp(x, 5, n), 0.0,
                        "n=" + n + " scale=" + scale);
            }
        }
    }

    @Test
    void float32RowLnProbsEqualTheFloat64OnesAndKeepPaddingNaN() {
        int n = 3001;
        double[] source = logits(4 * n, 30, 11);
        float[] x = new float[source.length];
        double[] wide = new double[source.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) source[i];
            wide[i] = x[i];
        }
        int[] targets = {0, 3000, -1, 1234};
        double[] fromFloats = ExactSoftmax.rowLnProbs(x, n, targets);
        double[] fromDoubles = ExactSoftmax.rowLnProbs(wide, n, targets);
        assertEquals(fromDoubles[0], fromFloats[0], 0.0);
        assertEquals(fromDoubles[1], fromFloats[1], 0.0);
        assertTrue(Double.isNaN(fromFloats[2]));
        assertEquals(fromDoubles[3], fromFloats[3], 0.0);
        assertEquals(wide[3 * n + 1234] - ExactSoftmax.logSumExpScalar(wide, 3 * n, n), fromFloats[3], 1e-12);
    }

    @Test
    void float32SpecialValuesKeepTheirMeaning() {
        float inf = Float.POSITIVE_INFINITY;
        assertEquals(Double.NEGATIVE_INFINITY, ExactSoftmax.logSumExp(new float[] {-inf, -inf, -inf, -inf, -inf,
                -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf}, 0, 17));
        assertTrue(Double.isNaN(ExactSoftmax.logSumExp(new float[] {0, 1, 2, 3, Float.NaN, 5, 6, 7, 8, 0, 0, 0, 0, 0,
                0, 0, 0}, 0, 17)));
        assertEquals(Math.log(17), ExactSoftmax.logSumExp(new float[17], 0, 17), 1e-15);
    }

    @Test
    void aBiasAddedAsEachRowIsReadGivesTheBitsOfAddingItToTheLogitsFirst() {
        // 40 rows of 3001 classes: enough for several threads; the bias is large enough to change roundings.
        int rows = 40;
        int n = 3001;
        double[] values = logits(rows * n, 30, 12);
        double[] biasValues = logits(n, 8, 13);
        int[] targets = new int[rows];
        for (int r = 0; r < rows; r++) {
            targets[r] = r % 7 == 3 ? -1 : (r * 977) % n;
        }
        for (String name : new String[] {"simd", "reference"}) {   // float32 in place, and the fallback
            ComputeBackend backend = Backends.discover(ExactSoftmaxTest.class.getClassLoader())
                    .choose(Optional.of(name)).create(2);
            Tensor bias = backend.of(1, n, biasValues);
            Tensor biased = backend.of(rows, n, values);
            backend.addRowVector(biased, bias);
            double[] expected = ExactSoftmax.rowLnProbs(biased, targets);
            double[] actual = ExactSoftmax.rowLnProbs(backend.of(rows, n, values), bias, targets);
            for (int r = 0; r < rows; r++) {
                if (targets[r] < 0) {
                    assertTrue(Double.isNaN(actual[r]), name + ": padding row " + r + " is NaN");
                } else {
                    assertEquals(expected[r], actual[r], 0.0, name + ": row " + r);
                }
            }
        }
    }
}
