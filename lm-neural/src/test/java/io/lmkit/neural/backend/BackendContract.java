package io.lmkit.neural.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The suite every compute backend must pass: each operation against a plain-Java float64
 * computation written out here, on random inputs and on shapes that exercise vector tails and
 * blocking edges. Extend it with the backend under test and its precision.
 */
public abstract class BackendContract {

    /** A new backend to test. */
    protected abstract ComputeBackend newBackend();

    /** The relative tolerance of the backend's arithmetic (about 1e-5 for float32). */
    protected abstract double tolerance();

    protected ComputeBackend backend;
    private final Random random = new Random(42);

    @BeforeEach
    void open() {
        backend = newBackend();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private double[] randoms(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private void assertClose(double[] expected, Tensor actual, String what) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], got[i], tolerance() * scale * 10, what + ": element " + i);
        }
    }

    /** op(x) as a plain array: x is r × c; transposed it reads as c × r. */
    private static double at(double[] x, int cols, boolean transpose, int i, int j) {
        return transpose ? x[j * cols + i] : x[i * cols + j];
    }

    @Test
    public void gemmInEveryTranspositionMatchesTheTripleLoop() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {64, 130, 67}, {2, 257, 3}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    double[] a = randoms(m * k);
                    double[] b = randoms(k * n);
                    double[] c = randoms(m * n);
                    Tensor ta2 = ta ? backend.of(k, m, a) : backend.of(m, k, a);
                    Tensor tb2 = tb ? backend.of(n, k, b) : backend.of(k, n, b);
                    Tensor tc = backend.of(m, n, c);
                    backend.gemm(ta, tb, 0.5, ta2, tb2, 2.0, tc);
                    double[] expected = new double[m * n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                sum += at(a, ta ? m : k, ta, i, p) * at(b, tb ? k : n, tb, p, j);
                            }
                            expected[i * n + j] = 0.5 * sum + 2.0 * c[i * n + j];
                        }
                    }
                    assertClose(expected, tc, "gemm " + m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb);
                }
            }
        }
    }

    @Test
    public void gemmWithBetaZeroIgnoresWhatCHeld() {
        Tensor a = backend.of(2, 2, new double[] {1, 2, 3, 4});
        Tensor c = backend.of(2, 2, new double[] {Double.NaN, 1, 2, Double.NaN});
        backend.gemm(false, false, 1, a, a, 0, c);
        assertClose(new double[] {7, 10, 15, 22}, c, "a·a");
    }

    @Test
    public void gemmRejectsShapesThatDoNotFit() {
        Tensor a = backend.zeros(2, 3);
        Tensor c = backend.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, a, a, 0, c));
    }

    @Test
    public void biasesAddToRowsAndSumOverColumns() {
        double[] m = randoms(5 * 19);
        double[] row = randoms(19);
        Tensor tm = backend.of(5, 19, m);
        backend.addRowVector(tm, backend.of(1, 19, row));
        double[] expected = m.clone();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 19; j++) {
                expected[i * 19 + j] += row[j];
            }
        }
        assertClose(expected, tm, "addRowVector");
        Tensor sums = backend.of(1, 19, row);
        backend.columnSums(tm, 1.0, sums);
        double[] expectedSums = row.clone();
        for (int j = 0; j < 19; j++) {
            for (int i = 0; i < 5; i++) {
                expectedSums[j] += expected[i * 19 + j];
            }
        }
        assertClose(expectedSums, sums, "columnSums");
    }

    @Test
    public void activationsAndTheirDerivativesMatchTheDefinitions() {
        for (Activation f : Activation.values()) {
            double[] x = randoms(3 * 37);
            Tensor tx = backend.of(3, 37, x);
            Tensor ty = backend.zeros(3, 37);
            backend.activate(f, tx, ty);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = f.apply(x[i]);
            }
            assertClose(y, ty, f + " forward");
            double[] dy = randoms(x.length);
            Tensor tdx = backend.zeros(3, 37);
            backend.activateBackward(f, ty, backend.of(3, 37, dy), tdx);
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = dy[i] * f.derivativeFromOutput(y[i]);
            }
            assertClose(dx, tdx, f + " backward");
            backend.activate(f, tx, tx);
            assertClose(y, tx, f + " in place");
        }
    }

    @Test
    public void elementWiseArithmeticAndNorms() {
        double[] x = randoms(41);
        double[] y = randoms(41);
        Tensor tx = backend.of(1, 41, x);
        Tensor ty = backend.of(1, 41, y);
        backend.axpy(-0.25, tx, ty);
        double[] expected = new double[41];
        double squares = 0;
        for (int i = 0; i < 41; i++) {
            expected[i] = y[i] - 0.25 * x[i];
            squares += x[i] * x[i];
        }
        assertClose(expected, ty, "axpy");
        assertEquals(squares, backend.sumOfSquares(tx), squares * tolerance() * 10);
        backend.multiply(tx, ty, ty);
        for (int i = 0; i < 41; i++) {
            expected[i] *= x[i];
        }
        assertClose(expected, ty, "multiply");
        backend.scale(ty, 3);
        for (int i = 0; i < 41; i++) {
            expected[i] *= 3;
        }
        assertClose(expected, ty, "scale");
        Tensor copy = backend.zeros(1, 41);
        backend.copy(ty, copy);
        assertClose(expected, copy, "copy");
        backend.clip(copy, 0.5);
        for (int i = 0; i < 41; i++) {
            expected[i] = Math.max(-0.5, Math.min(0.5, expected[i]));
        }
        assertClose(expected, copy, "clip");
        assertTrue(backend.allFinite(copy));
        copy.set(new double[41]);
        assertTrue(backend.allFinite(copy));
        double[] withNaN = new double[41];
        withNaN[40] = Double.NaN;
        copy.set(withNaN);
        assertFalse(backend.allFinite(copy));
        withNaN[40] = Double.POSITIVE_INFINITY;
        copy.set(withNaN);
        assertFalse(backend.allFinite(copy));
    }

    @Test
    public void crossEntropyIsStableAndItsGradientIsSoftmaxMinusOneHot() {
        int rows = 4;
        int classes = 23;
        double[] logits = randoms(rows * classes);
        logits[5] = 900; // a huge logit must not overflow
        int[] targets = {5, 0, 22, 7};
        Tensor tl = backend.of(rows, classes, logits);
        Tensor grad = backend.zeros(rows, classes);
        double[] lnProbs = new double[rows];
        double loss = backend.crossEntropy(tl, targets, grad, lnProbs);
        double expectedLoss = 0;
        double[] expectedGrad = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[i * classes + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[i * classes + j] - max);
            }
            double logZ = max + Math.log(sum);
            double lnP = logits[i * classes + targets[i]] - logZ;
            assertEquals(lnP, lnProbs[i], Math.max(1, Math.abs(lnP)) * tolerance() * 10, "row " + i);
            expectedLoss -= lnP;
            for (int j = 0; j < classes; j++) {
                expectedGrad[i * classes + j] = Math.exp(logits[i * classes + j] - logZ) - (j == targets[i] ? 1 : 0);
            }
        }
        assertEquals(expectedLoss, loss, Math.abs(expectedLoss) * tolerance() * 10);
        assertClose(expectedGrad, grad, "gradient");
        Tensor lsm = backend.zeros(rows, classes);
        backend.logSoftmax(tl, lsm);
        for (int i = 0; i < rows; i++) {
            double total = 0;
            for (int j = 0; j < classes; j++) {
                total += Math.exp(lsm.get(i, j));
            }
            assertEquals(1.0, total, tolerance() * 100, "row " + i + " sums to 1");
            assertEquals(lnProbs[i], lsm.get(i, targets[i]), Math.max(1, Math.abs(lnProbs[i])) * tolerance() * 10);
        }
        assertEquals(expectedLoss, backend.crossEntropy(tl, targets, null, null), Math.abs(expectedLoss) * tolerance() * 10);
    }

    @Test
    public void aScaledCrossEntropyScalesTheGradientButNotTheLoss() {
        int rows = 3;
        int classes = 37;
        double[] logits = randoms(rows * classes);
        int[] targets = {36, 0, 11};
        Tensor plain = backend.zeros(rows, classes);
        double loss = backend.crossEntropy(backend.of(rows, classes, logits), targets, plain, null);
        Tensor scaled = backend.of(rows, classes, logits);
        double scaledLoss = backend.crossEntropy(scaled, targets, scaled, 0.25);   // in place, as training does
        assertEquals(loss, scaledLoss, Math.abs(loss) * tolerance());
        double[] expected = plain.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            expected[i] *= 0.25;
        }
        assertClose(expected, scaled, "scaled gradient");
    }

    @Test
    public void aDropoutMaskIsTheBlockDrawsOfItsSeedAtOneOverKeep() {
        Tensor mask = backend.zeros(97, 101);          // 9,797 values: three blocks, the last one partial
        backend.dropoutMask(mask, 0.8, 42);
        double[] expected = new double[97 * 101];
        for (int b = 0; b < MaskDraws.blocks(expected.length); b++) {
            MaskDraws.fill(expected, b, 0.8, 42);
        }
        assertClose(expected, mask, "mask");
        int kept = 0;
        for (double v : mask.toDoubleArray()) {
            assertTrue(v == 0 || Math.abs(v - 1.25) < 1e-6, "a mask value is 0 or 1/keep, got " + v);
            kept += v == 0 ? 0 : 1;
        }
        assertEquals(0.8, kept / (double) expected.length, 0.02);
        Tensor other = backend.zeros(97, 101);
        backend.dropoutMask(other, 0.8, 43);
        assertFalse(java.util.Arrays.equals(mask.toDoubleArray(), other.toDoubleArray()), "another seed, another mask");
        assertThrows(IllegalArgumentException.class, () -> backend.dropoutMask(other, 0, 1));
    }

    @Test
    public void gatherConcatenatesRowsAndScatterAddAccumulatesRepeatedIds() {
        double[] table = randoms(6 * 4);
        Tensor tt = backend.of(6, 4, table);
        Tensor out = backend.zeros(3, 8);
        int[] ids = {2, 5, 2};
        backend.gather(tt, ids, out, 4);
        double[] expected = new double[24];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(table, ids[i] * 4, expected, i * 8 + 4, 4);
        }
        assertClose(expected, out, "gather");
        double[] grad = randoms(3 * 8);
        Tensor acc = backend.zeros(6, 4);
        backend.scatterAdd(backend.of(3, 8, grad), 4, ids, acc);
        double[] expectedAcc = new double[24];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expectedAcc[ids[i] * 4 + j] += grad[i * 8 + 4 + j];
            }
        }
        assertClose(expectedAcc, acc, "scatterAdd");
        assertThrows(IllegalArgumentException.class, () -> backend.gather(tt, new int[] {6, 0, 0}, out, 0));
    }

    @Test
    public void columnBlocksConcatenateAndSplitBack() {
        double[] a = randoms(3 * 2);
        double[] b = randoms(3 * 5);
        Tensor cat = backend.zeros(3, 7);
        backend.copyColumns(backend.of(3, 2, a), cat, 0);
        backend.copyColumns(backend.of(3, 5, b), cat, 2);
        double[] expected = new double[21];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(a, i * 2, expected, i * 7, 2);
            System.arraycopy(b, i * 5, expected, i * 7 + 2, 5);
        }
        assertClose(expected, cat, "copyColumns");
        Tensor back = backend.of(3, 5, b);
        backend.addColumns(cat, 2, back);
        double[] doubled = new double[15];
        for (int i = 0; i < 15; i++) {
            doubled[i] = 2 * b[i];
        }
        assertClose(doubled, back, "addColumns");
    }

    @Test
    public void rowBlocksCopyAndAccumulate() {
        double[] a = randoms(6 * 3);
        Tensor src = backend.of(6, 3, a);
        Tensor dst = backend.zeros(4, 3);
        backend.copyRows(src, 2, dst, 1, 3);
        double[] expected = new double[12];
        System.arraycopy(a, 6, expected, 3, 9);
        assertClose(expected, dst, "copyRows");
        backend.addRows(src, 2, dst, 1, 3);
        for (int i = 3; i < 12; i++) {
            expected[i] *= 2;
        }
        assertClose(expected, dst, "addRows");
        assertThrows(IllegalArgumentException.class, () -> backend.copyRows(src, 4, dst, 0, 3));
    }

    @Test
    public void optimiserUpdatesFollowTheirFormulas() {
        int n = 13;
        double[] p = randoms(n);
        double[] g = randoms(n);
        double[] state = new double[n];
        for (int i = 0; i < n; i++) {
            state[i] = Math.abs(random.nextGaussian());
        }
        // SGD with Nesterov momentum.
        Tensor tp = backend.of(1, n, p);
        Tensor tv = backend.of(1, n, state);
        backend.sgdUpdate(tp, backend.of(1, n, g), tv, 0.1, 0.9, true);
        double[] ep = new double[n];
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = 0.9 * state[i] + g[i];
            ep[i] = p[i] - 0.1 * (g[i] + 0.9 * ev[i]);
        }
        assertClose(ep, tp, "sgd p");
        assertClose(ev, tv, "sgd v");
        // Adagrad.
        tp = backend.of(1, n, p);
        Tensor ta = backend.of(1, n, state);
        backend.adagradUpdate(tp, backend.of(1, n, g), ta, 0.05, 1e-8);
        for (int i = 0; i < n; i++) {
            double a = state[i] + g[i] * g[i];
            ep[i] = p[i] - 0.05 * g[i] / (Math.sqrt(a) + 1e-8);
        }
        assertClose(ep, tp, "adagrad");
        // RMSProp.
        tp = backend.of(1, n, p);
        Tensor ts = backend.of(1, n, state);
        backend.rmspropUpdate(tp, backend.of(1, n, g), ts, 0.01, 0.9, 1e-6);
        for (int i = 0; i < n; i++) {
            double s = 0.9 * state[i] + 0.1 * g[i] * g[i];
            ep[i] = p[i] - 0.01 * g[i] / (Math.sqrt(s) + 1e-6);
        }
        assertClose(ep, tp, "rmsprop");
        // AdamW at step 3.
        tp = backend.of(1, n, p);
        Tensor tm = backend.of(1, n, g);
        Tensor tv2 = backend.of(1, n, state);
        backend.adamUpdate(tp, backend.of(1, n, g), tm, tv2, 0.002, 0.9, 0.999, 1e-8, 0.01, 3);
        for (int i = 0; i < n; i++) {
            double m = 0.9 * g[i] + 0.1 * g[i];
            double v = 0.999 * state[i] + 0.001 * g[i] * g[i];
            double mh = m / (1 - Math.pow(0.9, 3));
            double vh = v / (1 - Math.pow(0.999, 3));
            ep[i] = p[i] - 0.002 * (mh / (Math.sqrt(vh) + 1e-8) + 0.01 * p[i]);
        }
        assertClose(ep, tp, "adamw");
    }

    /** The same values on the float64 reference backend, where the defaults of the operations compute them. */
    private static Tensor onReference(ComputeBackend reference, Tensor t) {
        return reference.of(t.rows(), t.cols(), t.toDoubleArray());
    }

    @Test
    public void transformerOperationsMatchTheirFloat64Definitions() {
        ComputeBackend ref = new io.lmkit.neural.backend.internal.reference.ReferenceBackend();
        // batch, heads, time, head width: the last two past four 16-lane vectors of columns, with tails
        int[][] shapes = {{2, 2, 5, 3}, {1, 3, 37, 17}, {3, 4, 9, 32}, {2, 2, 40, 67}, {1, 1, 20, 80}};
        for (int[] s : shapes) {
            int batch = s[0];
            int heads = s[1];
            int time = s[2];
            int width = heads * s[3];
            int rows = batch * time;
            String shape = java.util.Arrays.toString(s);
            Tensor x = backend.of(rows, width, randoms(rows * width));
            Tensor gain = backend.of(1, width, randoms(width));
            Tensor bias = backend.of(1, width, randoms(width));
            Tensor y = backend.zeros(rows, width);
            Tensor xn = backend.zeros(rows, width);
            Tensor inv = backend.zeros(rows, 1);
            backend.layerNorm(x, gain, bias, 1e-5, y, xn, inv);
            Tensor ry = ref.zeros(rows, width);
            Tensor rxn = ref.zeros(rows, width);
            Tensor rinv = ref.zeros(rows, 1);
            ref.layerNorm(onReference(ref, x), onReference(ref, gain), onReference(ref, bias), 1e-5, ry, rxn, rinv);
            assertClose(ry.toDoubleArray(), y, "layerNorm " + shape);
            assertClose(rinv.toDoubleArray(), inv, "layerNorm invStd " + shape);

            Tensor dy = backend.of(rows, width, randoms(rows * width));
            Tensor dGain = backend.of(1, width, randoms(width));
            Tensor dBias = backend.of(1, width, randoms(width));
            Tensor rdGain = onReference(ref, dGain);
            Tensor rdBias = onReference(ref, dBias);
            Tensor rdy = onReference(ref, dy);
            Tensor dx = backend.zeros(rows, width);
            backend.layerNormBackward(xn, inv, gain, dy, dx, dGain, dBias);
            Tensor rdx = ref.zeros(rows, width);
            ref.layerNormBackward(rxn, rinv, onReference(ref, gain), rdy, rdx, rdGain, rdBias);
            assertClose(rdx.toDoubleArray(), dx, "layerNormBackward dx " + shape);
            assertClose(rdGain.toDoubleArray(), dGain, "layerNormBackward dGain " + shape);
            assertClose(rdBias.toDoubleArray(), dBias, "layerNormBackward dBias " + shape);

            Tensor g = backend.zeros(rows, width);
            backend.gelu(x, g);
            Tensor rg = ref.zeros(rows, width);
            ref.gelu(onReference(ref, x), rg);
            assertClose(rg.toDoubleArray(), g, "gelu " + shape);
            backend.geluBackward(x, dy, dx);
            ref.geluBackward(onReference(ref, x), rdy, rdx);
            assertClose(rdx.toDoubleArray(), dx, "geluBackward " + shape);

            Tensor k = backend.of(rows, width, randoms(rows * width));
            Tensor scores = backend.of(batch * heads * time, time, randoms(batch * heads * time * time));
            backend.headScores(heads, time, 0.5, x, k, scores);
            Tensor rscores = ref.zeros(batch * heads * time, time);
            ref.headScores(heads, time, 0.5, onReference(ref, x), onReference(ref, k), rscores);
            assertClose(rscores.toDoubleArray(), scores, "headScores " + shape);

            backend.causalSoftmax(time, scores, scores);
            ref.causalSoftmax(time, rscores, rscores);
            assertClose(rscores.toDoubleArray(), scores, "causalSoftmax " + shape);
            assertEquals(0.0, scores.get(0, time - 1), 0.0, "the mask: position 0 sees only itself");

            for (boolean transpose : new boolean[] {false, true}) {
                Tensor mixed = backend.of(rows, width, randoms(rows * width));
                backend.headMix(heads, time, transpose, 1.5, scores, k, mixed);
                Tensor rmixed = ref.zeros(rows, width);
                ref.headMix(heads, time, transpose, 1.5, rscores, onReference(ref, k), rmixed);
                assertClose(rmixed.toDoubleArray(), mixed, "headMix transpose=" + transpose + " " + shape);
            }

            Tensor dProbs = backend.of(batch * heads * time, time, randoms(batch * heads * time * time));
            Tensor rdProbs = onReference(ref, dProbs);
            backend.causalSoftmaxBackward(time, scores, dProbs, dProbs);
            ref.causalSoftmaxBackward(time, rscores, rdProbs, rdProbs);
            assertClose(rdProbs.toDoubleArray(), dProbs, "causalSoftmaxBackward " + shape);
        }
    }

    @Test
    public void transformerOperationsRejectShapesThatDoNotFit() {
        Tensor a = backend.zeros(6, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.headScores(3, 2, 1, a, a, backend.zeros(18, 2)));
        assertThrows(IllegalArgumentException.class, () -> backend.headScores(2, 4, 1, a, a, backend.zeros(12, 3)));
        assertThrows(IllegalArgumentException.class, () -> backend.causalSoftmax(4, a, backend.zeros(6, 4)));
        assertThrows(IllegalArgumentException.class, () -> backend.layerNorm(a, backend.zeros(1, 3),
                backend.zeros(1, 4), 1e-5, backend.zeros(6, 4), backend.zeros(6, 4), backend.zeros(6, 1)));
    }

    @Test
    public void uniformInitialisationIsTheSameOnEveryBackend() {
        Tensor t = backend.uniform(3, 5, -0.1, 0.1, 7);
        double[] expected = new double[15];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 15; i++) {
            expected[i] = -0.1 + 0.2 * r.nextDouble();
        }
        assertClose(expected, t, "uniform");
        assertArrayEquals(t.toDoubleArray(), backend.uniform(3, 5, -0.1, 0.1, 7).toDoubleArray(), 0.0);
    }
}
