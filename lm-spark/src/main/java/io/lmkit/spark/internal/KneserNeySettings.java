package io.lmkit.spark.internal;

import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.Pruning;

/**
 * What a Spark estimation of (modified) Kneser-Ney is asked for, whichever plan runs it ({@link HistoryKneserNey},
 * {@link SparkKneserNey}).
 *
 * @param order          the highest order
 * @param vocabularySize the vocabulary's size (word ids 0..size−1)
 * @param bos            {@code <s>}'s id
 * @param eos            {@code </s>}'s id
 * @param predicted      the number of words that can be predicted (all but {@code <s>})
 * @param variant        Kneser-Ney or modified Kneser-Ney
 * @param statistics     textbook or lmplz counts-of-counts
 * @param pruning        lmplz's thresholds, or none
 * @param partitions     the partitions of each shuffle
 */
public record KneserNeySettings(int order, int vocabularySize, int bos, int eos, int predicted,
                                KneserNey.Variant variant, KneserNey.DiscountStatistics statistics, Pruning pruning,
                                int partitions) {
}
