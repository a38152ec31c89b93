package io.lmkit.ngram.estimate;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;

/**
 * Interpolated Witten-Bell estimation (Witten &amp; Bell 1991; Chen &amp; Goodman 1998, eq. 17):
 * a context h that was followed by T(h) = N1+(h·) distinct words in c(h·) tokens gives
 * T(h)/(c(h·) + T(h)) of its mass to the lower order, as if every new word type had been one
 * more event:
 *
 * <pre>
 *   p(w|h) = (c(hw) + T(h)·p(w|h')) / (c(h·) + T(h))
 *   p(w)   = (c(w)  + T·(1/|V|))    / (N + T)
 * </pre>
 * with h' the context h without its first word, N the number of predicted tokens, T the number of
 * distinct words seen and |V| the number of predicted symbols (every word but {@code <s>}).
 * Classic counts c(g) throughout. Stored in backoff form: p(w|h) for every counted n-gram, and the
 * backoff that makes each distribution sum to 1, which is T(h)/(c(h·) + T(h)) up to float rounding.
 */
public final class WittenBell {

    private WittenBell() {
    }

    /** Estimates an interpolated Witten-Bell model from counts. */
    public static NgramModel estimate(NgramCounts counts) {
        return BackoffForm.normalized(counts, probabilities(counts));
    }

    /** p(w|h) of every counted n-gram: index 1 by word id, index k by n-gram id of order k. */
    static double[][] probabilities(NgramCounts counts) {
        int order = counts.order();
        Vocabulary v = counts.vocabulary();
        double[][] p = new double[order + 1][];
        long n = ContextStatistics.tokens(counts);
        int t = ContextStatistics.distinctWords(counts);
        double uniform = 1.0 / v.predictedCount();
        p[1] = new double[v.size()];
        for (int w = 0; w < v.size(); w++) {
            p[1][w] = w == v.bos() ? 0 : (counts.occurrences(1, w) + t * uniform) / (n + t);
        }
        for (int k = 2; k <= order; k++) {
            long[] total = ContextStatistics.contextTotals(counts, k);
            int[] followers = ContextStatistics.distinctFollowers(counts, k);
            p[k] = new double[counts.size(k)];
            for (int id = 0; id < p[k].length; id++) {
                int h = counts.prefix(k, id);
                double lower = p[k - 1][counts.suffix(k, id)];
                p[k][id] = (counts.occurrences(k, id) + followers[h] * lower) / (total[h] + followers[h]);
            }
        }
        return p;
    }
}
