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

    /**
     * Per (sequence, head) pair: the head's keys are copied transposed, [dh, time padded to whole
     * vectors], so that L scores of a query row come out of one vector accumulator as a sum over d of
     * q[d] · keys[d, j…j+L), with four accumulators over d so the multiply-adds do not wait on each
     * other. (A dot product per score spent more on its horizontal sum than on its 64 multiply-adds.)
     */
    static void headScores(SimdPool pool, int batch, int heads, int time, int width, float alpha, float[] a, float[] b,
                           float[] scores) {
        int dh = width / heads;
        int padded = (time + L - 1) / L * L;
        pairs(pool, batch * heads, (long) time * time * dh / 2, (from, to) -> {
            float[] keys = new float[dh * padded];
            float[] last = new float[L];
            for (int pair = from; pair < to; pair++) {
                int n = pair / heads;
                int h = pair % heads;
                for (int j = 0; j < time; j++) {
                    int bi = (n * time + j) * width + h * dh;
                    for (int d = 0; d < dh; d++) {
                        keys[d * padded + j] = b[bi + d];
                    }
                }
                for (int i = 0; i < time; i++) {
                    int row = (pair * time + i) * time;
                    int ai = (n * time + i) * width + h * dh;
                    for (int j = 0; j <= i; j += L) {
                        FloatVector s = scoreVector(a, ai, dh, keys, padded, j).mul(alpha);
                        if (j + L <= time) {     // columns past i are overwritten with 0 below
                            s.intoArray(scores, row + j);
                        } else {
                            s.intoArray(last, 0);
                            System.arraycopy(last, 0, scores, row + j, time - j);
                        }
                    }
                    java.util.Arrays.fill(scores, row + i + 1, row + time, 0f);
                }
            }
        });
    }

    /** Σ_d q[ai + d] · keys[d · padded + j …+ L), in four partial sums over d. */
    private static FloatVector scoreVector(float[] q, int ai, int dh, float[] keys, int padded, int j) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int d = 0;
        for (; d + 4 <= dh; d += 4) {
            int k = d * padded + j;
            s0 = FloatVector.fromArray(S, keys, k).fma(FloatVector.broadcast(S, q[ai + d]), s0);
            s1 = FloatVector.fromArray(S, keys, k + padded).fma(FloatVector.broadcast(S, q[ai + d + 1]), s1);
            s2 = FloatVector.fromArray(S, keys, k + 2 * padded).fma(FloatVector.broadcast(S, q[ai + d + 2]), s2);
            s3 = FloatVector.fromArray(S, keys, k + 3 * padded).fma(FloatVector.broadcast(S, q[ai + d + 3]), s3);
        }
        for (; d < dh; d++) {
            s0 = FloatVector.fromArray(S, keys, d * padded + j).fma(FloatVector.broadcast(S, q[ai + d]), s0);
        }
        return s0.add(s1).add(s2.add(s3));
    }

    /**
     * Each output row of a head is summed in registers, four vectors of its columns at a time, over
     * the rows of x it mixes in ascending order: the same multiply-adds in the same order as adding
     * w · x into memory row by row, without storing and reloading the row for every term.
     */
    static void headMix(SimdPool pool, int batch, int heads, int time, int width, boolean transpose, float alpha,
                        float[] p, float[] x, float[] out) {
        int dh = width / heads;
        pairs(pool, batch * heads, (long) time * time * dh / 2, (from, to) -> {
            for (int pair = from; pair < to; pair++) {
                int n = pair / heads;
                int h = pair % heads;
                for (int o = 0; o < time; o++) {
                    int first = transpose ? o : 0;
                    int end = transpose ? time : o + 1;
                    int oi = (n * time + o) * width + h * dh;
                    int d = 0;
                    for (; d + 4 * L <= dh; d += 4 * L) {
                        FloatVector c0 = FloatVector.zero(S);
                        FloatVector c1 = FloatVector.zero(S);
                        FloatVector c2 = FloatVector.zero(S);
                        FloatVector c3 = FloatVector.zero(S);
                        for (int s = first; s < end; s++) {
                            FloatVector w = FloatVector.broadcast(S, alpha * weight(p, pair, time, transpose, o, s));
                            int xi = (n * time + s) * width + h * dh + d;
                            c0 = FloatVector.fromArray(S, x, xi).fma(w, c0);
                            c1 = FloatVector.fromArray(S, x, xi + L).fma(w, c1);
                            c2 = FloatVector.fromArray(S, x, xi + 2 * L).fma(w, c2);
                            c3 = FloatVector.fromArray(S, x, xi + 3 * L).fma(w, c3);
                        }
                        c0.intoArray(out, oi + d);
                        c1.intoArray(out, oi + d + L);
                        c2.intoArray(out, oi + d + 2 * L);
                        c3.intoArray(out, oi + d + 3 * L);
                    }
                    if (d < dh) {   // columns left over: row by row into memory
                        java.util.Arrays.fill(out, oi + d, oi + dh, 0f);
                        for (int s = first; s < end; s++) {
                            float w = alpha * weight(p, pair, time, transpose, o, s);
                            axpy(w, x, (n * time + s) * width + h * dh + d, out, oi + d, dh - d);
                        }
                    }
                }
            }
        });
    }

    /** The weight that mixes row s of x into output row o: p[o, s], or p[s, o] for the transpose. */
    private static float weight(float[] p, int pair, int time, boolean transpose, int o, int s) {
        return transpose ? p[(pair * time + s) * time + o] : p[(pair * time + o) * time + s];
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
