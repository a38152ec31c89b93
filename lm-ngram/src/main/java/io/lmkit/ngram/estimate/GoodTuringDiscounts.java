package io.lmkit.ngram.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * Katz's Good-Turing discount ratios of one order (Katz 1987, eq. 14; Chen &amp; Goodman 1998,
 * eq. 12): an n-gram seen r times keeps d_r·r of its count, where for 1 ≤ r ≤ K
 *
 * <pre>
 *   r* = (r+1)·n_(r+1)/n_r,   d_r = (r* / r − (K+1)·n_(K+1)/n_1) / (1 − (K+1)·n_(K+1)/n_1)
 * </pre>
 * and d_r = 1 above K, where counts are reliable. n_r is the number of n-grams of the order seen
 * exactly r times.
 *
 * <p>On sparse or irregular counts the formula can fail: a count-of-counts it divides by is 0,
 * n_(r+1) = 0 makes d_r ≤ 0, or the correction (K+1)·n_(K+1)/n_1 reaches 1. The rule here: any r
 * whose d_r is not a number in (0, 1] is not discounted (d_r = 1), and {@link #undiscounted()}
 * lists the counts r ≤ K that this happened to although some n-gram has them.
 */
public final class GoodTuringDiscounts {

    private final double[] ratio;
    private final List<Integer> undiscounted;

    private GoodTuringDiscounts(double[] ratio, List<Integer> undiscounted) {
        this.ratio = ratio;
        this.undiscounted = List.copyOf(undiscounted);
    }

    /**
     * Katz's discount ratios.
     *
     * @param countsOfCounts n_r at index r, for r = 1..maxCount+1 at least (index 0 unused)
     * @param maxCount       K ≥ 1: counts above it are not discounted
     */
    public static GoodTuringDiscounts estimate(long[] countsOfCounts, int maxCount) {
        if (maxCount < 1 || countsOfCounts.length < maxCount + 2) {
            throw new IllegalArgumentException("need K >= 1 and counts-of-counts n_1..n_(K+1); got K = " + maxCount
                    + " and " + (countsOfCounts.length - 1) + " counts-of-counts");
        }
        long[] n = countsOfCounts;
        int k = maxCount;
        double[] ratio = new double[k + 1];
        List<Integer> undiscounted = new ArrayList<>();
        double common = n[1] == 0 ? Double.NaN : (k + 1.0) * n[k + 1] / n[1];
        for (int r = 1; r <= k; r++) {
            double d = Double.NaN;
            if (n[r] > 0 && n[1] > 0 && common < 1) {
                double rStar = (r + 1.0) * n[r + 1] / n[r];
                d = (rStar / r - common) / (1 - common);
            }
            if (d > 0 && d <= 1) {
                ratio[r] = d;
            } else {
                ratio[r] = 1;
                if (n[r] > 0) {
                    undiscounted.add(r);
                }
            }
        }
        return new GoodTuringDiscounts(ratio, undiscounted);
    }

    /** d_r: the share of its count that an n-gram seen {@code r} ≥ 1 times keeps (1 above K). */
    public double ratio(long r) {
        return r < ratio.length ? ratio[(int) r] : 1;
    }

    /** K: the largest count that is discounted. */
    public int maxCount() {
        return ratio.length - 1;
    }

    /**
     * The counts r ≤ K that some n-gram has but whose ratio was not in (0, 1], so they are not
     * discounted; empty when the formula worked for every count in use.
     */
    public List<Integer> undiscounted() {
        return undiscounted;
    }

    @Override
    public String toString() {
        return "GoodTuringDiscounts" + java.util.Arrays.toString(java.util.Arrays.copyOfRange(ratio, 1, ratio.length));
    }
}
