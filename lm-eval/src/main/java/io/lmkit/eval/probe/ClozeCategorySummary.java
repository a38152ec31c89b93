package io.lmkit.eval.probe;

import java.util.List;

/**
 * One model's totals over the items of one category (or of the whole suite).
 *
 * @param category         the category, or {@link #ALL} for the whole suite
 * @param items            how many items
 * @param correct          how many the model passed (the answer strictly most probable)
 * @param chanceAccuracy   the expected accuracy of guessing: the mean over items of 1 / candidates
 * @param meanRank         the mean rank of the right answer (1 is best)
 * @param meanMargin       the mean log-probability margin in nats over the items where it is finite
 * @param unknownCandidate how many items have a candidate with a word the model does not know
 */
public record ClozeCategorySummary(String category, int items, int correct, double chanceAccuracy, double meanRank,
                                   double meanMargin, int unknownCandidate) {

    /** The category name used for the whole suite. */
    public static final String ALL = "all";

    /** The totals of {@code results}, under the name {@code category}. */
    public static ClozeCategorySummary of(String category, List<ClozeItemResult> results) {
        int correct = 0;
        int unknown = 0;
        double chance = 0;
        double rank = 0;
        double margin = 0;
        int finite = 0;
        for (ClozeItemResult r : results) {
            correct += r.correct() ? 1 : 0;
            unknown += r.hasUnknownCandidate() ? 1 : 0;
            chance += 1.0 / r.candidates().size();
            rank += r.rank();
            if (Double.isFinite(r.margin())) {
                margin += r.margin();
                finite++;
            }
        }
        int n = results.size();
        return new ClozeCategorySummary(category, n, correct, n == 0 ? Double.NaN : chance / n,
                n == 0 ? Double.NaN : rank / n, finite == 0 ? Double.NaN : margin / finite, unknown);
    }

    /** The share of items passed, 0..1 (NaN for no items). */
    public double accuracy() {
        return items == 0 ? Double.NaN : (double) correct / items;
    }
}
