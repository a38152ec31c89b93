package io.lmkit.neural.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.neural.backend.internal.simd.SimdProvider;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simd backend against the shared contract, on two threads, plus products large enough to split and block. */
class SimdBackendTest extends BackendContract {

    @Override
    protected ComputeBackend newBackend() {
        return new SimdProvider().create(2);
    }

    @Override
    protected double tolerance() {
        return 1e-5;
    }

    private static double[] randoms(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian(); // exactly representable, so only the arithmetic differs
        }
        return v;
    }

    /**
     * Shapes past every block size and vector tail (k over the 256-deep block, rows and columns not
     * multiples of the 6 × 32 tile), in all four transpositions, split over two threads, against a
     * double-precision loop.
     */
    @Test
    public void largeProductsInEveryTranspositionMatchADoubleLoop() {
        Random random = new Random(7);
        int[][] shapes = {{96, 515, 131}, {131, 300, 601}, {7, 1030, 45}, {130, 64, 1111}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    checkProduct(random, s[0], s[1], s[2], ta, tb);
                }
            }
        }
    }

    /**
     * A held operand, packed once, gives every product the same floats as packing it per call, past every
     * block size, in all four transpositions, split over two threads; a product reading another tensor of
     * the same shape, or the held one changed after the handle closed, does not use the packed copy.
     */
    @Test
    public void productsWithAHeldOperandEqualThoseWithoutBitForBit() {
        Random random = new Random(11);
        int[][] shapes = {{96, 515, 131}, {131, 300, 601}, {7, 1030, 45}, {599, 64, 1111}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Tensor a = matrix(random, ta, m, k);
                    Tensor b = matrix(random, tb, k, n);
                    Tensor other = matrix(random, tb, k, n);
                    double[] plain = product(ta, tb, a, b, m, n);
                    double[] plainOther = product(ta, tb, a, other, m, n);
                    String shape = m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb;
                    try (ComputeBackend.ConstantOperand held = backend.holdConstant(b, tb)) {
                        assertArrayEquals(plain, product(ta, tb, a, b, m, n), shape);
                        assertArrayEquals(plain, product(ta, tb, a, b, m, n), shape + ", again");
                        assertArrayEquals(plainOther, product(ta, tb, a, other, m, n), shape + ", another b");
                    }
                    backend.copyRows(other, 0, b, 0, b.rows()); // b changes once released
                    assertArrayEquals(plainOther, product(ta, tb, a, b, m, n), shape + ", changed after close");
                }
            }
        }
    }

    /** A tensor that reads as rows × cols, stored transposed when asked. */
    private Tensor matrix(Random random, boolean transposed, int rows, int cols) {
        double[] values = randoms(random, rows * cols);
        return transposed ? backend.of(cols, rows, values) : backend.of(rows, cols, values);
    }

    private double[] product(boolean ta, boolean tb, Tensor a, Tensor b, int m, int n) {
        Tensor c = backend.zeros(m, n);
        backend.gemm(ta, tb, 1, a, b, 0, c);
        return c.toDoubleArray();
    }

    private void checkProduct(Random random, int m, int k, int n, boolean ta, boolean tb) {
        double[] a = randoms(random, m * k);
        double[] b = randoms(random, k * n);
        double[] c = randoms(random, m * n);
        Tensor tc = backend.of(m, n, c);
        backend.gemm(ta, tb, 1.5, ta ? backend.of(k, m, a) : backend.of(m, k, a),
                tb ? backend.of(n, k, b) : backend.of(k, n, b), -0.5, tc);
        double[] got = tc.toDoubleArray();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[p * m + i] : a[i * k + p];
                    double y = tb ? b[j * k + p] : b[p * n + j];
                    sum += x * y;
                    magnitude += Math.abs(x * y);
                }
                double expected = 1.5 * sum - 0.5 * c[i * n + j];
                // float32 rounding grows with the sum of |terms|, not with the (cancelled) result
                double bound = 1e-5 * (1.5 * magnitude + Math.abs(c[i * n + j])) + 1e-6;
                assertEquals(expected, got[i * n + j], bound,
                        m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb + " at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    public void softmaxOverAWideVocabularySplitsRowsAndStaysNormalised() {
        Random random = new Random(3);
        int rows = 9;
        int classes = 14115;
        Tensor logits = backend.of(rows, classes, randoms(random, rows * classes));
        Tensor out = backend.zeros(rows, classes);
        backend.logSoftmax(logits, out);
        for (int r = 0; r < rows; r++) {
            double total = 0;
            for (int j = 0; j < classes; j++) {
                total += Math.exp(out.get(r, j));
            }
            assertEquals(1.0, total, 1e-4, "row " + r);
        }
    }
}
