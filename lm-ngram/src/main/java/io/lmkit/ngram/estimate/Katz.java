package io.lmkit.ngram.estimate;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Good-Turing discounting with Katz backoff (Katz 1987), on classic counts. A seen n-gram keeps
 * its discounted relative frequency, p(w|h) = d_r·r/c(h·) with r = c(hw) and d_r from
 * {@link GoodTuringDiscounts} of its order; an unseen word gets α(h)·p(w|h'), α(h) sharing what
 * the discounts freed in proportion to the lower order. Unigrams are discounted the same way over
 * c(w)/N and the freed mass goes uniformly to the words never seen (other than {@code <s>}); when
 * every word was seen, the seen unigrams are renormalised to sum to 1 instead.
 *
 * <p>Stored in backoff form; α(h) is exactly the backoff {@link BackoffNormalizer} computes,
 * (1 − Σseen p(w|h)) / (1 − Σseen p(w|h')). When the lower order gives the words seen after h all
 * its mass (to within 1e-9), α(h) would divide by 0: as SRILM does, the seen probabilities of h
 * are then renormalised to sum to 1.
 *
 * <p>A context whose followers were all seen more than K times (or whose counts could not be
 * discounted) frees no mass, so, as in Katz's paper and SRILM, a word never seen after it has
 * probability 0 and perplexity over a text with such an event is infinite (on Brown at order 3,
 * 53 of the 211,711 validation tokens). Because stored probabilities are float32 values rounded
 * down, such a context with several followers still leaves under 1e-7 of rounding residue, which
 * the backoff passes on to the unseen words; one with a single follower leaves exactly 0.
 */
public final class Katz {

    private static final Logger LOG = LogManager.getLogger(Katz.class);

    /** Below this, the lower order's mass left for the words unseen after a context counts as none. */
    private static final double NO_MASS = 1e-9;

    private Katz() {
    }

    /**
     * Estimates a Katz backoff model from counts.
     *
     * @param maxCount K: counts above it are not discounted (Katz used 5)
     */
    public static NgramModel estimate(NgramCounts counts, int maxCount) {
        int order = counts.order();
        double[][] p = new double[order + 1][];
        p[1] = unigrams(counts, discounts(counts, 1, maxCount));
        for (int k = 2; k <= order; k++) {
            p[k] = seenProbabilities(counts, k, discounts(counts, k, maxCount));
            renormaliseWhereTheLowerOrderHasNoMassLeft(counts, k, p);
        }
        return BackoffForm.normalized(counts, p);
    }

    /** The discount ratios of order {@code k}, warning once when some count cannot be discounted. */
    public static GoodTuringDiscounts discounts(NgramCounts counts, int k, int maxCount) {
        GoodTuringDiscounts d = GoodTuringDiscounts.estimate(ContextStatistics.countsOfCounts(counts, k,
                maxCount + 1), maxCount);
        if (!d.undiscounted().isEmpty()) {
            LOG.warn("order {}: Good-Turing gives no discount ratio in (0, 1] for the counts {} (a count-of-counts"
                    + " is 0 or the counts are too irregular); n-grams seen that often are not discounted", k,
                    d.undiscounted());
        }
        return d;
    }

    private static double[] unigrams(NgramCounts counts, GoodTuringDiscounts d) {
        Vocabulary v = counts.vocabulary();
        long n = ContextStatistics.tokens(counts);
        double[] p = new double[v.size()];
        double seen = 0;
        int unseen = 0;
        for (int w = 0; w < v.size(); w++) {
            long c = counts.occurrences(1, w);
            if (c > 0) {
                p[w] = d.ratio(c) * c / n;
                seen += p[w];
            } else if (w != v.bos()) {
                unseen++;
            }
        }
        for (int w = 0; w < v.size(); w++) {
            if (counts.occurrences(1, w) > 0) {
                p[w] = unseen > 0 ? p[w] : p[w] / seen;
            } else if (w != v.bos()) {
                p[w] = Math.max(0, 1 - seen) / unseen;
            }
        }
        return p;
    }

    private static double[] seenProbabilities(NgramCounts counts, int k, GoodTuringDiscounts d) {
        long[] total = ContextStatistics.contextTotals(counts, k);
        double[] p = new double[counts.size(k)];
        for (int id = 0; id < p.length; id++) {
            long r = counts.occurrences(k, id);
            p[id] = d.ratio(r) * r / total[counts.prefix(k, id)];
        }
        return p;
    }

    /** SRILM's rule for contexts whose α(h) would divide by 0 (see the class comment). */
    private static void renormaliseWhereTheLowerOrderHasNoMassLeft(NgramCounts counts, int k, double[][] p) {
        int contexts = counts.size(k - 1);
        double[] seen = new double[contexts];
        double[] lower = new double[contexts];
        for (int id = 0; id < counts.size(k); id++) {
            int h = counts.prefix(k, id);
            seen[h] += p[k][id];
            lower[h] += p[k - 1][counts.suffix(k, id)];
        }
        int renormalised = 0;
        for (int id = 0; id < counts.size(k); id++) {
            int h = counts.prefix(k, id);
            if (1 - lower[h] < NO_MASS && seen[h] < 1) {
                p[k][id] /= seen[h];
                renormalised++;
            }
        }
        if (renormalised > 0) {
            LOG.debug("order {}: renormalised {} n-grams of contexts whose lower order leaves no mass", k,
                    renormalised);
        }
    }
}
