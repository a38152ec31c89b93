package io.lmkit.spark.internal;

import io.lmkit.core.model.ScoreKind;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * A model estimated by Spark jobs, before it is written: the unigrams (one value per vocabulary word, small
 * enough for the driver) and, for each order k ≥ 2, its n-grams as an RDD (not yet sorted).
 *
 * @param order               the highest order
 * @param kind                probabilities or stupid-backoff scores
 * @param missingContextLog10 what scoring adds per context level never seen (0, or log10 α)
 * @param unigramLog10Prob    every word's log10 probability
 * @param unigramLog10Backoff every word's log10 backoff
 * @param ngrams              the n-grams of every order ≥ 2
 * @param firstWordWeights    each word's count, {@code <s>}'s the sentences': how the model's n-grams spread
 *                            over first words, to cut the sort's ranges ({@link TrieOrderPartitioner})
 */
public record Estimated(int order, ScoreKind kind, float missingContextLog10, double[] unigramLog10Prob,
                        double[] unigramLog10Backoff, JavaPairRDD<Gram, Stored> ngrams, long[] firstWordWeights) {

    /** Word counts as {@code firstWordWeights}: {@code <s>} weighs as many as there are sentences ({@code </s>}). */
    public static long[] firstWordWeights(long[] occurrences, int bos, int eos) {
        long[] w = occurrences.clone();
        w[bos] = occurrences[eos];
        return w;
    }
}
