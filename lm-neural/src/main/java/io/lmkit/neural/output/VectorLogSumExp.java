package io.lmkit.neural.output;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * ln Σ exp(x) over a row of float64 logits on the Vector API: the float64 log-softmax every neural
 * model states as its distribution, which with a scalar {@link Math#exp} per class cost about
 * 100 µs a token over a 14,000-word vocabulary, more than the forward pass it follows. Only
 * {@link ExactSoftmax} loads this class, and only when the {@code jdk.incubator.vector} module is
 * present.
 *
 * <p>exp is computed for x ≤ 0 (the maximum is subtracted first) as 2^k · e^r with
 * k = round(x / ln 2) and |r| ≤ ln 2 / 2, e^r by its Taylor series to degree 13 (truncation below
 * 1e-17 relative) and ln 2 split in two parts so r carries no cancellation error: each term is
 * within a few units in the last place of {@link Math#exp}'s, so the sum agrees with the scalar
 * one to about 1e-15 relative. Terms below e^−708 are taken at e^−708 (each at most 1e-307 against
 * a sum of at least 1, so they change nothing), which keeps 2^k a normal number.
 */
final class VectorLogSumExp {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** As many float32 lanes as {@link #S} has float64 ones: a load of it widens to one vector of S. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() == S.length()
            ? FloatVector.SPECIES_PREFERRED
            : VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** 1.5 · 2^52: adding it rounds to an integer, which then sits in the low bits of the sum. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final double LOWEST = -708;
    /** 1/i! for i = 13 down to 0, for Horner's rule. */
    private static final double[] TAYLOR = new double[14];

    static {
        double f = 1;
        for (int i = 1; i <= 13; i++) {
            f *= i;
            TAYLOR[13 - i] = 1 / f;
        }
        TAYLOR[13] = 1;
    }

    private VectorLogSumExp() {
    }

    static double logSumExp(double[] x, int from, int n) {
        int upper = from + S.loopBound(n);
        DoubleVector vmax = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int j = from;
        for (; j < upper; j += S.length()) {
            vmax = vmax.max(DoubleVector.fromArray(S, x, j));
        }
        double max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < from + n; j++) {
            max = Math.max(max, x[j]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max) || Double.isInfinite(max)) {
            return ExactSoftmax.logSumExpScalar(x, from, n); // the special values keep the scalar's meaning
        }
        DoubleVector sum = DoubleVector.zero(S);
        for (j = from; j < upper; j += S.length()) {
            sum = sum.add(exp(DoubleVector.fromArray(S, x, j).sub(max)));
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; j < from + n; j++) {
            total += Math.exp(x[j] - max);
        }
        return max + Math.log(total);
    }

    /**
     * The same sum over float32 logits, each widened to float64 exactly as it is loaded: the same
     * lanes in the same order as {@link #logSumExp(double[], int, int)} over the widened row, so the
     * same bits, without a float64 copy of the logits. The maximum is taken in float32, which is exact.
     */
    static double logSumExp(float[] x, int from, int n) {
        // The maximum is the same in any order, so it takes the widest float32 vectors.
        int wideUpper = from + WIDE.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(WIDE, Float.NEGATIVE_INFINITY);
        int j = from;
        for (; j < wideUpper; j += WIDE.length()) {
            vmax = vmax.max(FloatVector.fromArray(WIDE, x, j));
        }
        double max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < from + n; j++) {
            max = Math.max(max, x[j]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max) || Double.isInfinite(max)) {
            return ExactSoftmax.logSumExpScalar(widen(x, from, n), 0, n); // the special values keep the scalar's meaning
        }
        int upper = from + F.loopBound(n);
        DoubleVector sum = DoubleVector.zero(S);
        for (j = from; j < upper; j += F.length()) {
            DoubleVector wide = (DoubleVector) FloatVector.fromArray(F, x, j).convertShape(VectorOperators.F2D, S, 0);
            sum = sum.add(exp(wide.sub(max)));
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; j < from + n; j++) {
            total += Math.exp(x[j] - max);
        }
        return max + Math.log(total);
    }

    private static double[] widen(float[] x, int from, int n) {
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = x[from + j];
        }
        return d;
    }

    /** e^x for x ≤ 0, lane by lane. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector v = x.max(LOWEST);
        DoubleVector t = v.fma(LOG2E, ROUNDER);
        DoubleVector k = t.sub(ROUNDER);
        DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), v);
        r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(S, TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p.fma(r, DoubleVector.broadcast(S, TAYLOR[i]));
        }
        LongVector bits = ((LongVector) t.viewAsIntegralLanes()).sub(ROUNDER_BITS - 1023).lanewise(VectorOperators.LSHL, 52);
        return p.mul(bits.viewAsFloatingLanes());
    }
}
