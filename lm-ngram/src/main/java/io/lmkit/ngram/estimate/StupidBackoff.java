package io.lmkit.ngram.estimate;

import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.NgramModel;

/**
 * Stupid backoff (Brants et al. 2007, eq. 5): the relative frequency of the longest seen n-gram,
 * multiplied by a fixed α for every context word it had to drop:
 *
 * <pre>
 *   S(w|h) = c(hw)/c(h·)      if c(hw) &gt; 0
 *          = α · S(w|h')      otherwise
 *   S(w)   = c(w)/N
 * </pre>
 * The scores do not sum to 1, so the model reports {@link ScoreKind#SCORE} and perplexity refuses
 * it; it is for ranking and generation, where it is cheap and, on large data, as good as
 * Kneser-Ney. Stored in backoff form with log10 α as the backoff of every context, seen or not.
 */
public final class StupidBackoff {

    /** Brants et al.'s α. */
    public static final double DEFAULT_ALPHA = 0.4;

    private StupidBackoff() {
    }

    /**
     * Builds a stupid-backoff model from counts.
     *
     * @param alpha the factor per dropped context word, in (0, 1]
     */
    public static NgramModel estimate(NgramCounts counts, double alpha) {
        float log10Alpha = log10Alpha(alpha);
        int order = counts.order();
        double[][] s = new double[order + 1][];
        long n = ContextStatistics.tokens(counts);
        s[1] = new double[counts.size(1)];
        for (int w = 0; w < s[1].length; w++) {
            s[1][w] = (double) counts.occurrences(1, w) / n;
        }
        for (int k = 2; k <= order; k++) {
            long[] total = ContextStatistics.contextTotals(counts, k);
            s[k] = new double[counts.size(k)];
            for (int id = 0; id < s[k].length; id++) {
                s[k][id] = (double) counts.occurrences(k, id) / total[counts.prefix(k, id)];
            }
        }
        return BackoffForm.scores(counts, s, log10Alpha);
    }

    /**
     * log10 α as the model stores it: one float value, so that seen and unseen context levels add exactly the
     * same.
     *
     * @throws IllegalArgumentException when α is not in (0, 1]
     */
    public static float log10Alpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        return (float) Math.log10(alpha);
    }

    /**
     * The stored log10 score of an n-gram of order ≥ 2 with relative frequency {@code score}: a float32 rounded
     * towards −∞, at most 0.
     */
    public static float storedLog10(double score) {
        return BackoffForm.log10Down(score);
    }
}
