package io.lmkit.ngram.estimate;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Interpolated absolute discounting (Ney, Essen &amp; Kneser 1994; Chen &amp; Goodman 1998, eq. 21):
 * every seen n-gram of order k gives up a fixed D_k of its classic count, and what the context
 * gave up goes to the lower order:
 *
 * <pre>
 *   p(w|h) = max(c(hw) − D_k, 0)/c(h·) + D_k·N1+(h·)/c(h·) · p(w|h')
 *   p(w)   = max(c(w) − D_1, 0)/N     + D_1·N1+(ε·)/N    · 1/|V|
 * </pre>
 * D_k is either given (one value in (0, 1] for every order) or estimated per order from the
 * counts-of-counts of its classic counts, D_k = n1/(n1 + 2 n2) (Ney et al. 1994, eq. 13).
 * Stored in backoff form like {@link WittenBell}.
 */
public final class AbsoluteDiscounting {

    private static final Logger LOG = LogManager.getLogger(AbsoluteDiscounting.class);

    /** The discount used for an order whose n1 or n2 is 0, when D cannot be estimated. */
    public static final double FALLBACK_DISCOUNT = 0.5;

    private AbsoluteDiscounting() {
    }

    /**
     * Estimates an interpolated absolute-discounting model from counts.
     *
     * @param discount D for every order, in (0, 1]; or 0 to estimate D_k per order
     */
    public static NgramModel estimate(NgramCounts counts, double discount) {
        return BackoffForm.normalized(counts, probabilities(counts, discounts(counts, discount)));
    }

    /**
     * The discount of every order, index k for order k (index 0 unused).
     *
     * @param discount D for every order, in (0, 1]; or 0 to estimate D_k = n1/(n1 + 2 n2) per order
     */
    public static double[] discounts(NgramCounts counts, double discount) {
        if (!(discount >= 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], or 0 to estimate it; got " + discount);
        }
        double[] d = new double[counts.order() + 1];
        for (int k = 1; k <= counts.order(); k++) {
            d[k] = discount > 0 ? discount : estimated(counts, k);
        }
        return d;
    }

    private static double estimated(NgramCounts counts, int k) {
        long[] n = ContextStatistics.countsOfCounts(counts, k, 2);
        if (n[1] == 0 || n[2] == 0) {
            LOG.warn("order {}: n1 = {} and n2 = {}, so D = n1/(n1 + 2 n2) cannot be estimated (too little data"
                    + " for this order); using D = {}", k, n[1], n[2], FALLBACK_DISCOUNT);
            return FALLBACK_DISCOUNT;
        }
        return n[1] / (n[1] + 2.0 * n[2]);
    }

    private static double[][] probabilities(NgramCounts counts, double[] d) {
        int order = counts.order();
        Vocabulary v = counts.vocabulary();
        double[][] p = new double[order + 1][];
        long n = ContextStatistics.tokens(counts);
        int t = ContextStatistics.distinctWords(counts);
        double gammaEmpty = d[1] * t / n;
        p[1] = new double[v.size()];
        for (int w = 0; w < v.size(); w++) {
            p[1][w] = w == v.bos() ? 0
                    : Math.max(counts.occurrences(1, w) - d[1], 0) / n + gammaEmpty / v.predictedCount();
        }
        for (int k = 2; k <= order; k++) {
            long[] total = ContextStatistics.contextTotals(counts, k);
            int[] followers = ContextStatistics.distinctFollowers(counts, k);
            p[k] = new double[counts.size(k)];
            for (int id = 0; id < p[k].length; id++) {
                int h = counts.prefix(k, id);
                double gamma = d[k] * followers[h] / total[h];
                double lower = p[k - 1][counts.suffix(k, id)];
                p[k][id] = Math.max(counts.occurrences(k, id) - d[k], 0) / total[h] + gamma * lower;
            }
        }
        return p;
    }
}
