package io.lmkit.neural.output;

import io.lmkit.neural.backend.Tensor;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Log-softmax in float64 over a backend's logits: what a neural model states as its distribution,
 * so that it sums to 1 to double precision whatever the backend's precision.
 */
public final class ExactSoftmax {

    private ExactSoftmax() {
    }

    /** Whether the Vector API is there for {@link VectorLogSumExp}; without it the scalar loop serves. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * ln Σ exp(x[from..from+n)), with the maximum subtracted first: vectorised when the
     * {@code jdk.incubator.vector} module is present (agreeing with {@link #logSumExpScalar} to
     * about 1e-15 relative), else the scalar loop.
     */
    public static double logSumExp(double[] x, int from, int n) {
        return VECTOR ? VectorLogSumExp.logSumExp(x, from, n) : logSumExpScalar(x, from, n);
    }

    /**
     * ln Σ exp(x[from..from+n)) over float32 values, each taken exactly as float64: the same number as
     * {@link #logSumExp(double[], int, int)} over the widened values, without a float64 copy.
     */
    public static double logSumExp(float[] x, int from, int n) {
        if (VECTOR) {
            return VectorLogSumExp.logSumExp(x, from, n);
        }
        double[] wide = new double[n];
        for (int j = 0; j < n; j++) {
            wide[j] = x[from + j];
        }
        return logSumExpScalar(wide, 0, n);
    }

    /** ln Σ exp(x[from..from+n)) with a scalar {@link Math#exp} per element: the reference. */
    public static double logSumExpScalar(double[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + n; j++) {
            max = Math.max(max, x[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max; // no mass anywhere: ln 0, not the NaN that −∞ − (−∞) would give
        }
        double sum = 0;
        for (int j = from; j < from + n; j++) {
            sum += Math.exp(x[j] - max);
        }
        return max + Math.log(sum);
    }

    /** The log-softmax of x[from..from+n) as a new array. */
    public static double[] logSoftmax(double[] x, int from, int n) {
        double z = logSumExp(x, from, n);
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = x[from + j] - z;
        }
        return out;
    }

    /**
     * ln p(target) of every row of a [rows, n] logit array; a row whose target is negative
     * (padding) gets NaN. Large arrays are done on several threads, each row by one thread in the
     * same order as alone, so the numbers do not depend on the threads.
     */
    public static double[] rowLnProbs(double[] logits, int n, int[] targets) {
        double[] out = new double[targets.length];
        IntStream rows = IntStream.range(0, targets.length);
        if ((long) targets.length * n >= PARALLEL_MIN) {
            rows = rows.parallel();
        }
        rows.forEach(i -> out[i] = targets[i] < 0 ? Double.NaN
                : logits[i * n + targets[i]] - logSumExp(logits, i * n, n));
        return out;
    }

    /**
     * ln p(target) of every row of a [rows, n] logit array of float32 values, as
     * {@link #rowLnProbs(double[], int, int[])} gives for the same values widened to float64, to the bit.
     */
    public static double[] rowLnProbs(float[] logits, int n, int[] targets) {
        double[] out = new double[targets.length];
        IntStream rows = IntStream.range(0, targets.length);
        if ((long) targets.length * n >= PARALLEL_MIN) {
            rows = rows.parallel();
        }
        rows.forEach(i -> out[i] = targets[i] < 0 ? Double.NaN
                : logits[i * n + targets[i]] - logSumExp(logits, i * n, n));
        return out;
    }

    /**
     * ln p(target) of every row of a [rows, classes] logit tensor: read in place when the backend keeps
     * float32 values in a Java array (no float64 copy of the logits), else through a float64 copy. The
     * numbers are the same either way.
     */
    public static double[] rowLnProbs(Tensor logits, int[] targets) {
        Optional<float[]> floats = logits.float32Values();
        return floats.isPresent() ? rowLnProbs(floats.get(), logits.cols(), targets)
                : rowLnProbs(logits.toDoubleArray(), logits.cols(), targets);
    }

    /**
     * ln p(target) of every row of a [rows, classes] logit tensor to which a [1, classes] bias is still to be
     * added: the same numbers as adding the bias with the backend's {@code addRowVector} and calling
     * {@link #rowLnProbs(Tensor, int[])}, to the bit. When both keep float32 values in Java arrays the bias is
     * added as each row is read, which saves a pass over the logits; otherwise it is added to the logits first.
     */
    public static double[] rowLnProbs(Tensor logits, Tensor bias, int[] targets) {
        Optional<float[]> floats = logits.float32Values();
        Optional<float[]> b = bias.float32Values();
        if (floats.isEmpty() || b.isEmpty()) {
            logits.backend().addRowVector(logits, bias);
            return rowLnProbs(logits, targets);
        }
        float[] x = floats.get();
        float[] row = b.get();
        int n = logits.cols();
        double[] out = new double[targets.length];
        IntStream rows = IntStream.range(0, targets.length);
        if ((long) targets.length * n >= PARALLEL_MIN) {
            rows = rows.parallel();
        }
        rows.forEach(i -> out[i] = targets[i] < 0 ? Double.NaN
                : (double) (x[i * n + targets[i]] + row[targets[i]]) - logSumExp(x, i * n, row, n));
        return out;
    }

    /** ln Σ exp(x[from..from+n) + bias), each sum rounded to float32 first, as {@link #logSumExp(float[], int, int)}. */
    static double logSumExp(float[] x, int from, float[] bias, int n) {
        return VECTOR ? VectorLogSumExp.logSumExp(x, from, bias, n) : logSumExpScalar(biased(x, from, bias, n), 0, n);
    }

    /** x[from..from+n) + bias, each sum rounded to float32 and widened. */
    static double[] biased(float[] x, int from, float[] bias, int n) {
        double[] wide = new double[n];
        for (int j = 0; j < n; j++) {
            wide[j] = x[from + j] + bias[j];
        }
        return wide;
    }

    /** Logits below which one thread does all rows: waking others would cost more. */
    private static final long PARALLEL_MIN = 1 << 16;
}
