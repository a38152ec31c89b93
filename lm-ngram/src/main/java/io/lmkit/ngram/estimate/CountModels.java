package io.lmkit.ngram.estimate;

import io.lmkit.ngram.CountModel;
import io.lmkit.ngram.CountModelBuilder;

/**
 * Turns {@link NgramCounts} into a {@link CountModel}: every counted n-gram with its classic count
 * c(hw) and its total as a context c(hw·), for maximum-likelihood, Laplace and Lidstone models.
 */
public final class CountModels {

    private CountModels() {
    }

    /** A count model of {@code counts} that computes probabilities by {@code smoothing}. */
    public static CountModel estimate(NgramCounts counts, CountModel.Smoothing smoothing) {
        int order = counts.order();
        long[] sizes = new long[order];
        for (int k = 1; k <= order; k++) {
            sizes[k - 1] = counts.size(k);
        }
        CountModelBuilder builder = new CountModelBuilder(counts.vocabulary(), order, sizes);
        long[] totals = order > 1 ? ContextStatistics.contextTotals(counts, 2) : new long[counts.size(1)];
        for (int w = 0; w < counts.size(1); w++) {
            builder.unigram(w, counts.occurrences(1, w), totals[w]);
        }
        int[] contextSlots = null;
        for (int k = 2; k <= order; k++) {
            long[] total = k < order ? ContextStatistics.contextTotals(counts, k + 1) : new long[counts.size(k)];
            int[] slots = new int[counts.size(k)];
            for (int id = 0; id < slots.length; id++) {
                int prefix = counts.prefix(k, id);
                int contextSlot = k == 2 ? prefix : contextSlots[prefix];
                slots[id] = builder.add(k, contextSlot, counts.word(k, id), counts.occurrences(k, id), total[id]);
            }
            contextSlots = slots;
        }
        return builder.build(smoothing);
    }
}
