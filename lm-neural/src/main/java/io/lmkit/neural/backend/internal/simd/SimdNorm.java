package io.lmkit.neural.backend.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer normalisation and GELU of the simd backend on float arrays, rows split over the pool. The
 * row statistics are summed in float32 vectors and then in lane order, so the results do not depend
 * on how HotSpot compiled the code; GELU's tanh is written through {@link SimdMath#exp}, for the same
 * reason.
 */
final class SimdNorm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Below this many elements an operation runs on the calling thread only. */
    private static final int PARALLEL_MIN = 1 << 14;
    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_A = 0.044715f;

    private SimdNorm() {
    }

    private static int minRows(int cols) {
        return Math.max(1, PARALLEL_MIN / Math.max(1, cols));
    }

    private static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            acc = acc.add(FloatVector.fromArray(S, x, off + j));
        }
        float s = SimdMath.sumInLaneOrder(acc);
        for (; j < n; j++) {
            s += x[off + j];
        }
        return s;
    }

    static void layerNorm(SimdPool pool, float[] x, int rows, int cols, float[] gain, float[] bias, float eps,
                          float[] y, float[] xn, float[] invStd) {
        pool.forRange(rows, 1, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * cols;
                float mean = sum(x, off, cols) / cols;
                FloatVector acc = FloatVector.zero(S);
                int j = 0;
                for (; j + L <= cols; j += L) {
                    FloatVector d = FloatVector.fromArray(S, x, off + j).sub(mean);
                    acc = d.fma(d, acc);
                }
                float var = SimdMath.sumInLaneOrder(acc);
                for (; j < cols; j++) {
                    float d = x[off + j] - mean;
                    var += d * d;
                }
                float inv = (float) (1 / Math.sqrt(var / cols + eps));
                invStd[r] = inv;
                j = 0;
                for (; j + L <= cols; j += L) {
                    FloatVector n = FloatVector.fromArray(S, x, off + j).sub(mean).mul(inv);
                    n.intoArray(xn, off + j);
                    n.fma(FloatVector.fromArray(S, gain, j), FloatVector.fromArray(S, bias, j)).intoArray(y, off + j);
                }
                for (; j < cols; j++) {
                    float n = (x[off + j] - mean) * inv;
                    xn[off + j] = n;
                    y[off + j] = n * gain[j] + bias[j];
                }
            }
        });
    }

    /** dx per row; the gain and bias gradients are summed over the rows on the calling thread, column-wise. */
    static void layerNormBackward(SimdPool pool, float[] xn, float[] invStd, float[] gain, float[] dy, float[] dx,
                                  int rows, int cols, float[] dGain, float[] dBias) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector d = FloatVector.fromArray(S, dy, off + j);
                d.fma(FloatVector.fromArray(S, xn, off + j), FloatVector.fromArray(S, dGain, j)).intoArray(dGain, j);
                d.add(FloatVector.fromArray(S, dBias, j)).intoArray(dBias, j);
            }
            for (; j < cols; j++) {
                dGain[j] += dy[off + j] * xn[off + j];
                dBias[j] += dy[off + j];
            }
        }
        pool.forRange(rows, 1, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * cols;
                FloatVector accG = FloatVector.zero(S);
                FloatVector accGx = FloatVector.zero(S);
                int j = 0;
                for (; j + L <= cols; j += L) {
                    FloatVector g = FloatVector.fromArray(S, dy, off + j).mul(FloatVector.fromArray(S, gain, j));
                    accG = accG.add(g);
                    accGx = g.fma(FloatVector.fromArray(S, xn, off + j), accGx);
                }
                float meanG = SimdMath.sumInLaneOrder(accG);
                float meanGx = SimdMath.sumInLaneOrder(accGx);
                for (int k = j; k < cols; k++) {
                    float g = dy[off + k] * gain[k];
                    meanG += g;
                    meanGx += g * xn[off + k];
                }
                meanG /= cols;
                meanGx /= cols;
                float inv = invStd[r];
                j = 0;
                for (; j + L <= cols; j += L) {
                    FloatVector g = FloatVector.fromArray(S, dy, off + j).mul(FloatVector.fromArray(S, gain, j));
                    FloatVector n = FloatVector.fromArray(S, xn, off + j);
                    g.sub(meanG).sub(n.mul(meanGx)).mul(inv).intoArray(dx, off + j);
                }
                for (; j < cols; j++) {
                    dx[off + j] = inv * (dy[off + j] * gain[j] - meanG - xn[off + j] * meanGx);
                }
            }
        });
    }

    /** tanh(u) = 1 − 2 / (e^(2u) + 1), through the deterministic exponential. */
    private static FloatVector tanh(FloatVector u) {
        FloatVector e = SimdMath.exp(u.mul(2f));
        return FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
    }

    private static FloatVector inner(FloatVector x) {
        return x.mul(x).mul(x).fma(FloatVector.broadcast(S, GELU_A), x).mul(GELU_C);
    }

    /*
     * GELU and its derivative run whole vectors in one loop and the partial last vector apart, on a
     * zero-padded copy. With both kinds of load merged in one loop (a vector from either array), the
     * two passes took 1.1% of one profiled TransformerSpeed run and 3.4% of the next, with the Vector
     * API's non-intrinsic fallbacks among the samples.
     */
    static void gelu(SimdPool pool, float[] x, float[] y) {
        pool.forRange(x.length, L, PARALLEL_MIN, (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                gelu(FloatVector.fromArray(S, x, i)).intoArray(y, i);
            }
            if (i < to) {
                int n = to - i;
                FloatVector out = gelu(FloatVector.fromArray(S, copy(x, i, n, new float[L]), 0));
                System.arraycopy(out.toArray(), 0, y, i, n);
            }
        });
    }

    private static FloatVector gelu(FloatVector v) {
        return v.mul(0.5f).mul(tanh(inner(v)).add(1f));
    }

    static void geluBackward(SimdPool pool, float[] x, float[] dy, float[] dx) {
        pool.forRange(x.length, L, PARALLEL_MIN, (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                geluBackward(FloatVector.fromArray(S, x, i), FloatVector.fromArray(S, dy, i)).intoArray(dx, i);
            }
            if (i < to) {
                int n = to - i;
                FloatVector out = geluBackward(FloatVector.fromArray(S, copy(x, i, n, new float[L]), 0),
                        FloatVector.fromArray(S, copy(dy, i, n, new float[L]), 0));
                System.arraycopy(out.toArray(), 0, dx, i, n);
            }
        });
    }

    private static FloatVector geluBackward(FloatVector v, FloatVector d) {
        FloatVector t = tanh(inner(v));
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector slope = v.mul(v).mul(3 * GELU_A).add(1f).mul(GELU_C);
        FloatVector deriv = t.add(1f).mul(0.5f).add(v.mul(0.5f).mul(one.sub(t.mul(t))).mul(slope));
        return d.mul(deriv);
    }

    private static float[] copy(float[] x, int i, int n, float[] pad) {
        java.util.Arrays.fill(pad, 0f);
        System.arraycopy(x, i, pad, 0, n);
        return pad;
    }
}
