package io.lmkit.spark.internal;

import io.lmkit.core.model.ScoreKind;
import java.util.List;
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
 * @param orders              index k holds order k's n-grams (indexes 0 and 1 are null)
 */
public record Estimated(int order, ScoreKind kind, float missingContextLog10, double[] unigramLog10Prob,
                        double[] unigramLog10Backoff, List<JavaPairRDD<Gram, Stored>> orders) {
}
