package io.lmkit.neural.backend.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise log-softmax and cross-entropy in float32, the row maximum subtracted before
 * exponentiating so that no logit overflows. Rows are independent, so they are split over the pool:
 * over a 14k-word vocabulary this is one of the hot spots of training.
 */
final class SimdSoftmax {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Below this many elements the operation runs on the calling thread only. */
    private static final int PARALLEL_MIN = 1 << 14;
    /** Vectors summed in float32 before the partial sum moves to double, bounding the rounding error. */
    private static final int BLOCK = 64;

    private SimdSoftmax() {
    }

    /** Σ over rows of −ln p(target); fills the gradient, times {@code scale}, and the per-row ln p when asked. */
    static double crossEntropy(SimdPool pool, float[] x, int rows, int cols, int[] targets, float[] gradient,
                               double[] rowLnProbs, float scale) {
        double[] lnProbs = rowLnProbs != null ? rowLnProbs : new double[rows];
        pool.forRange(rows, 1, Math.max(1, PARALLEL_MIN / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                lnProbs[r] = row(x, r * cols, cols, targets[r], gradient, scale);
            }
        });
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            loss -= lnProbs[r];
        }
        return loss;
    }

    /** out = x − logZ row by row; out may be x. */
    static void logSoftmax(SimdPool pool, float[] x, int rows, int cols, float[] out) {
        pool.forRange(rows, 1, Math.max(1, PARALLEL_MIN / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * cols;
                float max = max(x, off, cols);
                float logZ = (float) (max + Math.log(sumExp(x, off, cols, max, null)));
                int j = 0;
                for (; j + L <= cols; j += L) {
                    FloatVector.fromArray(S, x, off + j).sub(logZ).intoArray(out, off + j);
                }
                for (; j < cols; j++) {
                    out[off + j] = x[off + j] - logZ;
                }
            }
        });
    }

    /** ln p(target) of one row; with a gradient, writes scale · (softmax − one-hot) into its row. */
    private static double row(float[] x, int off, int cols, int target, float[] gradient, float scale) {
        float max = max(x, off, cols);
        float xt = x[off + target]; // read before the gradient may overwrite it
        double sum = sumExp(x, off, cols, max, gradient);
        double lnP = xt - (max + Math.log(sum));
        if (gradient != null) {
            float inv = (float) (scale / sum);
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector.fromArray(S, gradient, off + j).mul(inv).intoArray(gradient, off + j);
            }
            for (; j < cols; j++) {
                gradient[off + j] *= inv;
            }
            gradient[off + target] -= scale;
        }
        return lnP;
    }

    private static float max(float[] x, int off, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (cols >= L) {
            FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; j + L <= cols; j += L) {
                m = m.max(FloatVector.fromArray(S, x, off + j));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; j < cols; j++) {
            max = Math.max(max, x[off + j]);
        }
        return max;
    }

    /** Σ exp(x − max) over a row, in double across blocks; stores each exp into {@code exps} when not null. */
    private static double sumExp(float[] x, int off, int cols, float max, float[] exps) {
        double total = 0;
        int j = 0;
        while (j + L <= cols) {
            int end = Math.min(cols - L, j + BLOCK * L);
            FloatVector acc = FloatVector.zero(S);
            for (; j <= end; j += L) {
                FloatVector e = SimdMath.exp(FloatVector.fromArray(S, x, off + j).sub(max));
                if (exps != null) {
                    e.intoArray(exps, off + j);
                }
                acc = acc.add(e);
            }
            total += SimdMath.sumInLaneOrder(acc);
        }
        if (j < cols) { // the tail through the same exp, so a value's exp never depends on where it sits
            float[] tail = new float[L];
            System.arraycopy(x, off + j, tail, 0, cols - j);
            float[] e = SimdMath.exp(FloatVector.fromArray(S, tail, 0).sub(max)).toArray();
            for (int t = 0; t < cols - j; t++) {
                if (exps != null) {
                    exps[off + j + t] = e[t];
                }
                total += e[t];
            }
        }
        return total;
    }
}
