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
     * {@link #rowLnProbs(Tensor, int[])}, to the bit. When both keep float32 values in Java arrays, each row
     * plus the bias (rounded to float32, as the backend adds it) goes into a row buffer that stays in cache,
     * so the logits are read once and never written; otherwise the bias is added to the logits first.
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
        int rows = targets.length;
        double[] out = new double[rows];
        // Rows in a few contiguous parts, each with its own row buffer; a row is done by one thread, as alone.
        int parts = (long) rows * n >= PARALLEL_MIN ? Math.min(rows, BIASED_PARTS) : 1;
        IntStream work = IntStream.range(0, parts);
        if (parts > 1) {
            work = work.parallel();
        }
        work.forEach(part -> {
            float[] biased = new float[n];
            for (int i = (int) ((long) rows * part / parts); i < (long) rows * (part + 1) / parts; i++) {
                out[i] = targets[i] < 0 ? Double.NaN : biasedLnProb(x, i * n, row, targets[i], biased);
            }
        });
        return out;
    }

    /**
     * ln p(target) of the row x[from..from+n) + bias (n = bias.length), the sums rounded to float32 in
     * {@code biased}. A method of its own, called once a row, so that the JIT compiles its loops as a whole
     * rather than on the stack of a long-running loop.
     */
    private static double biasedLnProb(float[] x, int from, float[] bias, int target, float[] biased) {
        int n = bias.length;
        for (int j = 0; j < n; j++) {
            biased[j] = x[from + j] + bias[j];
        }
        return biased[target] - logSumExp(biased, 0, n);
    }

    /** Parts the rows of {@link #rowLnProbs(Tensor, Tensor, int[])} are split into for the threads. */
    private static final int BIASED_PARTS = 8;

    /** Logits below which one thread does all rows: waking others would cost more. */
    private static final long PARALLEL_MIN = 1 << 16;
}
