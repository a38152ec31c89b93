package io.lmkit.ngram.estimate;

import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;

/**
 * Stores the probabilities (or scores) an estimator computed for every counted n-gram in an
 * {@link NgramModel}, the backoff form of ARPA files: {@code values[1][w]} for every unigram w,
 * {@code values[k][id]} for every n-gram id of order k of the counts.
 */
final class BackoffForm {

    private BackoffForm() {
    }

    /**
     * A normalised model: the probabilities as stored, with every backoff set by
     * {@link BackoffNormalizer} so that each next-word distribution sums to 1.
     */
    static NgramModel normalized(NgramCounts counts, double[][] probs) {
        int bos = counts.vocabulary().bos();
        double[] unigramLog10 = new double[counts.size(1)];
        for (int w = 0; w < unigramLog10.length; w++) {
            // <s> is never predicted: it keeps probability 0, only its backoff matters.
            unigramLog10[w] = w == bos ? Double.NEGATIVE_INFINITY : Math.min(0.0, Math.log10(probs[1][w]));
        }
        float[][] log10 = new float[counts.order() + 1][];
        for (int k = 2; k <= counts.order(); k++) {
            log10[k] = new float[counts.size(k)];
            for (int id = 0; id < log10[k].length; id++) {
                log10[k][id] = log10Down(probs[k][id]);
            }
        }
        return BackoffNormalizer.normalized(counts, builder(counts), unigramLog10, log10, null);
    }

    /**
     * An unnormalised model ({@link ScoreKind#SCORE}) that adds {@code log10Alpha} for every
     * context level it shortens, whether the context was seen or not (stupid backoff).
     */
    static NgramModel scores(NgramCounts counts, double[][] scores, float log10Alpha) {
        NgramModelBuilder builder = builder(counts);
        fill(counts, scores, builder, log10Alpha);
        return builder.build(ScoreKind.SCORE, log10Alpha);
    }

    private static NgramModelBuilder builder(NgramCounts counts) {
        long[] sizes = new long[counts.order()];
        for (int k = 1; k <= counts.order(); k++) {
            sizes[k - 1] = counts.size(k);
        }
        return new NgramModelBuilder(counts.vocabulary(), counts.order(), sizes);
    }

    /** Adds every n-gram with {@code contextLog10Backoff} as its backoff. */
    private static void fill(NgramCounts counts, double[][] values, NgramModelBuilder builder,
                                double contextLog10Backoff) {
        int order = counts.order();
        int bos = counts.vocabulary().bos();
        for (int w = 0; w < counts.size(1); w++) {
            // <s> is never predicted: it keeps probability 0, only its backoff matters.
            builder.unigram(w, w == bos ? Double.NEGATIVE_INFINITY : Math.min(0.0, Math.log10(values[1][w])),
                    order > 1 ? contextLog10Backoff : 0.0);
        }
        int[][] slots = new int[order + 1][];
        for (int k = 2; k <= order; k++) {
            int n = counts.size(k);
            slots[k] = new int[n];
            double backoff = k < order ? contextLog10Backoff : 0.0;
            for (int id = 0; id < n; id++) {
                int prefix = counts.prefix(k, id);
                int contextSlot = k == 2 ? prefix : slots[k - 1][prefix];
                slots[k][id] = builder.add(k, contextSlot, counts.word(k, id), log10Down(values[k][id]), backoff);
            }
        }
    }

    /**
     * log10 p as a float32, rounded towards −∞, so that the stored probabilities of a context never
     * sum to more than their exact total: a context that keeps no mass for unseen words (Katz
     * without a discount) then has a leftover ≥ 0 that the backoff can take, never a negative one.
     */
    static float log10Down(double p) {
        double exact = Math.log10(p);
        float f = (float) exact;
        if (f > exact) {
            f = Math.nextDown(f);
        }
        return Math.min(f, 0f);
    }
}
