package io.lmkit.neural.backend.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The attention operations of the simd backend on float arrays: per-head scores below the causal
 * diagonal, per-head mixing of values by weights (and its transpose), and the causal masked softmax
 * with its backward pass. The (sequence, head) pairs, or the score rows, are split over the pool;
 * inside a pair the loops run along the head's columns, which are contiguous in every row, in whole
 * vectors with a scalar tail.
 */
final class SimdAttention {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Below this many multiply-adds an operation runs on the calling thread only. */
    private static final long PARALLEL_MIN = 1L << 15;

    private SimdAttention() {
    }

    /** Runs body over the (sequence, head) pairs, split over the pool when the work is large enough. */
    private static void pairs(SimdPool pool, int pairs, long workPerPair, SimdPool.Range body) {
        pool.forRange(pairs, 1, workPerPair * pairs < PARALLEL_MIN ? Integer.MAX_VALUE : 1, body);
    }

    /** Σ_d a[ai + d] · b[bi + d] over n values. */
    private static float dot(float[] a, int ai, float[] b, int bi, int n) {
        int d = 0;
        float sum = 0;
        if (n >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; d + L <= n; d += L) {
                acc = FloatVector.fromArray(S, a, ai + d).fma(FloatVector.fromArray(S, b, bi + d), acc);
            }
            sum = SimdMath.sumInLaneOrder(acc);
        }
        for (; d < n; d++) {
            sum += a[ai + d] * b[bi + d];
        }
        return sum;
    }

    /** y[yi + d] += w · x[xi + d] over n values. */
    private static void axpy(float w, float[] x, int xi, float[] y, int yi, int n) {
        int d = 0;
        if (n >= L) {
            FloatVector wv = FloatVector.broadcast(S, w);
            for (; d + L <= n; d += L) {
                FloatVector.fromArray(S, x, xi + d).fma(wv, FloatVector.fromArray(S, y, yi + d)).intoArray(y, yi + d);
            }
        }
        for (; d < n; d++) {
            y[yi + d] += w * x[xi + d];
        }
    }

    static void headScores(SimdPool pool, int batch, int heads, int time, int width, float alpha, float[] a, float[] b,
                           float[] scores) {
        int dh = width / heads;
        pairs(pool, batch * heads, (long) time * time * dh / 2, (from, to) -> {
            for (int pair = from; pair < to; pair++) {
                int n = pair / heads;
                int h = pair % heads;
                for (int i = 0; i < time; i++) {
                    int row = (pair * time + i) * time;
                    int ai = (n * time + i) * width + h * dh;
                    for (int j = 0; j <= i; j++) {
                        scores[row + j] = alpha * dot(a, ai, b, (n * time + j) * width + h * dh, dh);
                    }
                    java.util.Arrays.fill(scores, row + i + 1, row + time, 0f);
                }
            }
        });
    }

    static void headMix(SimdPool pool, int batch, int heads, int time, int width, boolean transpose, float alpha,
                        float[] p, float[] x, float[] out) {
        int dh = width / heads;
        pairs(pool, batch * heads, (long) time * time * dh / 2, (from, to) -> {
            for (int pair = from; pair < to; pair++) {
                int n = pair / heads;
                int h = pair % heads;
                for (int t = 0; t < time; t++) {
                    java.util.Arrays.fill(out, (n * time + t) * width + h * dh, (n * time + t) * width + (h + 1) * dh, 0f);
                }
                for (int i = 0; i < time; i++) {
                    int row = (pair * time + i) * time;
                    for (int j = 0; j <= i; j++) {
                        float w = alpha * p[row + j];
                        int o = (n * time + (transpose ? j : i)) * width + h * dh;
                        int in = (n * time + (transpose ? i : j)) * width + h * dh;
                        axpy(w, x, in, out, o, dh);
                    }
                }
            }
        });
    }

    static void causalSoftmax(SimdPool pool, int rows, int time, float[] s, float[] out) {
        pool.forRange(rows, 1, (int) Math.max(1, PARALLEL_MIN / Math.max(1, time * 8)), (from, to) -> {
            float[] tail = new float[L];
            for (int r = from; r < to; r++) {
                int n = r % time + 1;
                int off = r * time;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, s[off + j]);
                }
                float sum = 0;
                int j = 0;
                for (; j + L <= n; j += L) {
                    FloatVector e = SimdMath.exp(FloatVector.fromArray(S, s, off + j).sub(max));
                    e.intoArray(out, off + j);
                    sum += SimdMath.sumInLaneOrder(e);
                }
                if (j < n) {
                    java.util.Arrays.fill(tail, Float.NEGATIVE_INFINITY);
                    System.arraycopy(s, off + j, tail, 0, n - j);
                    FloatVector e = SimdMath.exp(FloatVector.fromArray(S, tail, 0).sub(max));
                    float[] ev = e.toArray();
                    for (int k = 0; k < n - j; k++) {
                        out[off + j + k] = ev[k];
                        sum += ev[k];
                    }
                }
                float inv = 1 / sum;
                for (j = 0; j < n; j++) {
                    out[off + j] *= inv;
                }
                java.util.Arrays.fill(out, off + n, off + time, 0f);
            }
        });
    }

    static void causalSoftmaxBackward(SimdPool pool, int rows, int time, float[] p, float[] dp, float[] ds) {
        pool.forRange(rows, 1, (int) Math.max(1, PARALLEL_MIN / Math.max(1, time * 4)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int n = r % time + 1;
                int off = r * time;
                float d = dot(p, off, dp, off, n);
                for (int j = 0; j < n; j++) {
                    ds[off + j] = p[off + j] * (dp[off + j] - d);
                }
                java.util.Arrays.fill(ds, off + n, off + time, 0f);
            }
        });
    }
}
