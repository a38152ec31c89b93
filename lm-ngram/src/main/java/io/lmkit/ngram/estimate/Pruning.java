package io.lmkit.ngram.estimate;

import java.util.Arrays;

/**
 * Count thresholds per order, with the semantics of KenLM's {@code lmplz --prune}: an n-gram of
 * order k whose (adjusted) count is at most the threshold of order k is dropped, unless a longer
 * n-gram that survives needs it as its context or its suffix. Unigrams are never pruned. The
 * discounts still come from the unpruned counts, and the backoffs are recomputed from what
 * survives, so the pruned mass moves to the backoff and the model stays normalised.
 *
 * @param thresholds index k for order k (index 0 and 1 are 0); the last given value applies to
 *                   every higher order
 */
public record Pruning(long[] thresholds) {

    /** No pruning. */
    public static final Pruning NONE = new Pruning(new long[0]);

    /** Copies and validates the thresholds. */
    public Pruning {
        thresholds = thresholds.clone();
    }

    /**
     * Parses lmplz's notation: one non-negative count per order from the unigrams up, separated
     * by spaces or commas, non-decreasing, the unigram value 0 ({@code "0 0 1"} prunes singleton
     * trigrams and above). An empty text means no pruning.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static Pruning parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return NONE;
        }
        String[] parts = t.split("[\\s,]+");
        long[] values = new long[parts.length + 1];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i + 1] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prune threshold '" + parts[i] + "' is not a whole number;"
                        + " write one count per order, e.g. \"0 0 1\"");
            }
            if (values[i + 1] < 0) {
                throw new IllegalArgumentException("prune threshold " + values[i + 1] + " is negative");
            }
            if (i > 0 && values[i + 1] < values[i]) {
                throw new IllegalArgumentException("prune thresholds must not decrease with the order, got \"" + t + "\"");
            }
        }
        if (values[1] != 0) {
            throw new IllegalArgumentException("unigrams cannot be pruned: the first prune threshold must be 0, got "
                    + values[1]);
        }
        return new Pruning(values);
    }

    /** Whether anything is pruned. */
    public boolean prunes() {
        return Arrays.stream(thresholds).anyMatch(t -> t > 0);
    }

    /** The threshold of order {@code k}. */
    public long threshold(int k) {
        if (thresholds.length == 0) {
            return 0;
        }
        return thresholds[Math.min(k, thresholds.length - 1)];
    }

    /**
     * Which n-grams survive, per order k ≥ 2 by id of {@code counts} (index 0 and 1 are null:
     * unigrams all survive), given each n-gram's adjusted count.
     */
    boolean[][] survivors(NgramCounts counts, long[][] adjusted) {
        int order = counts.order();
        boolean[][] keep = new boolean[order + 1][];
        for (int k = order; k >= 2; k--) {
            if (keep[k] == null) {
                keep[k] = new boolean[counts.size(k)];
            }
            long t = threshold(k);
            for (int id = 0; id < keep[k].length; id++) {
                keep[k][id] |= adjusted[k][id] > t;
                if (keep[k][id] && k > 2) {
                    // A surviving n-gram keeps its context and its suffix, so lookups can reach it.
                    markLower(keep, k - 1, counts.prefix(k, id), counts.size(k - 1));
                    markLower(keep, k - 1, counts.suffix(k, id), counts.size(k - 1));
                }
            }
        }
        return keep;
    }

    private static void markLower(boolean[][] keep, int k, int id, int size) {
        if (keep[k] == null) {
            keep[k] = new boolean[size];
        }
        keep[k][id] = true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pruning p && Arrays.equals(thresholds, p.thresholds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "Pruning" + Arrays.toString(thresholds);
    }
}
