package io.lmkit.ngram.estimate;

import java.util.Arrays;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The formulas of interpolated Kneser-Ney estimation, one definition shared by {@link KneserNey} (one machine,
 * in memory) and estimators that compute the same model elsewhere (lm-spark's Spark jobs), so that both give
 * bit-identical float32 probabilities. Every formula is written once here with the floating-point operations
 * in the order {@link KneserNey} uses; a caller that sums over n-grams must add them in the same order (the
 * order in which {@link NgramCounts} numbers them: first appearance in the corpus).
 */
public final class KneserNeyMath {

    /**
     * The logger, looked up when first used (only for a warning): a logger in a static field would start
     * Log4j-core, about a third of a second of a fresh JVM, in every run that estimates a model.
     */
    private static Logger log() {
        return LogManager.getLogger(KneserNey.class);
    }

    private KneserNeyMath() {
    }

    /**
     * The discounts of order {@code k} from its counts-of-counts t1..t4 of adjusted counts (Chen &amp; Goodman
     * 1998, eq. 26), or lmplz's fallback (0.5, 1, 1.5) with a warning when they give no valid discount.
     *
     * @param countsOfCounts index r (1..4) holds t_r; index 0 is unused
     */
    public static Discounts discounts(int k, long[] countsOfCounts, KneserNey.Variant variant) {
        Optional<Discounts> d = variant == KneserNey.Variant.MODIFIED
                ? Discounts.modified(countsOfCounts) : Discounts.single(countsOfCounts);
        if (d.isEmpty()) {
            log().warn("order {}: the counts-of-counts t1..t4 = {} give no valid Kneser-Ney discounts (too little"
                    + " data for this order); using the fallback discounts {}", k,
                    Arrays.toString(Arrays.copyOfRange(countsOfCounts, 1, 5)), Discounts.FALLBACK);
            return Discounts.FALLBACK;
        }
        return d.get();
    }

    /**
     * Adds one n-gram's adjusted count to counts-of-counts t (only counts 1..4 are kept).
     *
     * @param sign +1 to add the n-gram, -1 to take it out
     */
    public static void countOfCount(long[] countsOfCounts, long adjusted, int sign) {
        if (adjusted >= 1 && adjusted <= 4) {
            countsOfCounts[(int) adjusted] += sign;
        }
    }

    /**
     * lmplz's counts-of-counts ({@link KneserNey.DiscountStatistics#LMPLZ}) from the textbook ones: the n-gram
     * that sorts last in lmplz's suffix order is counted with its raw count instead of its adjusted count.
     */
    public static void lmplzCorrection(long[] countsOfCounts, long lastAdjusted, long lastRaw) {
        countOfCount(countsOfCounts, lastAdjusted, -1);
        countOfCount(countsOfCounts, lastRaw, +1);
    }

    /**
     * γ(ε), the weight of the uniform distribution under the unigrams:
     * (D1·N1 + D2·N2 + D3·N3+) / Σw a(w).
     *
     * @param wordsByCount index 1, 2, 3 hold how many words have adjusted count 1, 2, and 3 or more
     */
    public static double emptyContextWeight(Discounts unigramDiscounts, long[] wordsByCount, double unigramTotal) {
        Discounts d = unigramDiscounts;
        return (d.d1() * wordsByCount[1] + d.d2() * wordsByCount[2] + d.d3() * wordsByCount[3]) / unigramTotal;
    }

    /**
     * The interpolated unigram probability u(w) + γ(ε)/|V| of a word with adjusted count {@code adjusted}.
     *
     * @param uniform γ(ε) divided by the number of predictable words
     */
    public static double unigram(long adjusted, Discounts unigramDiscounts, double unigramTotal, double uniform) {
        return (adjusted - unigramDiscounts.of(adjusted)) / unigramTotal + uniform;
    }

    /**
     * p(w|h) = (a(hw) − D(a(hw))) / Σx a(hx) + γ(h)·p(w|h').
     *
     * @param contextTotal Σx a(hx) over h's followers
     * @param gamma        γ(h) (see {@link #contextWeight})
     * @param lower        p(w|h'), the interpolated probability one order down, unrounded
     */
    public static double interpolated(long adjusted, Discounts d, double contextTotal, double gamma, double lower) {
        return (adjusted - d.of(adjusted)) / contextTotal + gamma * lower;
    }

    /**
     * γ(h) from the sum of the discounts of h's followers (added in first-appearance order) and their adjusted
     * total; 0 for a context with no follower.
     */
    public static double contextWeight(double discountSum, double contextTotal) {
        return contextTotal > 0 ? discountSum / contextTotal : 0;
    }

    /** The stored log10 probability of an n-gram of order ≥ 2: float32, at most 0. */
    public static float storedLog10(double p) {
        return (float) Math.min(0.0, Math.log10(p));
    }

    /** The stored log10 probability of a unigram: float64, at most 0. */
    public static double storedUnigramLog10(double p) {
        return Math.min(0.0, Math.log10(p));
    }
}
