package io.lmkit.ngram.estimate;

/**
 * The per-context statistics that the classic smoothing methods share, from the classic counts
 * c(g) of {@link NgramCounts}: for every context h (an n-gram of order k−1), its total
 * c(h·) = Σx c(hx) and its number of distinct followers N1+(h·) over the n-grams of order k, and
 * the counts-of-counts n_r of each order. At the bottom the context is empty: c(ε·) = N, the
 * number of predicted tokens, and N1+(ε·) the number of distinct words seen.
 */
final class ContextStatistics {

    private ContextStatistics() {
    }

    /** c(h·) for every n-gram id h of order k−1, summed over the n-grams of order {@code k} ≥ 2. */
    static long[] contextTotals(NgramCounts counts, int k) {
        long[] total = new long[counts.size(k - 1)];
        for (int id = 0; id < counts.size(k); id++) {
            total[counts.prefix(k, id)] += counts.occurrences(k, id);
        }
        return total;
    }

    /** N1+(h·), the distinct words after h, for every n-gram id h of order k−1 (k ≥ 2). */
    static int[] distinctFollowers(NgramCounts counts, int k) {
        int[] followers = new int[counts.size(k - 1)];
        for (int id = 0; id < counts.size(k); id++) {
            if (counts.occurrences(k, id) > 0) {
                followers[counts.prefix(k, id)]++;
            }
        }
        return followers;
    }

    /** N = Σw c(w): the number of predicted tokens counted (words and {@code </s>}). */
    static long tokens(NgramCounts counts) {
        long n = 0;
        for (int w = 0; w < counts.size(1); w++) {
            n += counts.occurrences(1, w);
        }
        return n;
    }

    /** N1+(ε·): how many distinct words were seen ({@code <s>}, never predicted, is not among them). */
    static int distinctWords(NgramCounts counts) {
        int t = 0;
        for (int w = 0; w < counts.size(1); w++) {
            if (counts.occurrences(1, w) > 0) {
                t++;
            }
        }
        return t;
    }

    /**
     * The counts-of-counts of order {@code k}: entry r (1 ≤ r ≤ {@code maxR}) is n_r, how many
     * n-grams of that order occur exactly r times; entry 0 is unused.
     */
    static long[] countsOfCounts(NgramCounts counts, int k, int maxR) {
        long[] n = new long[maxR + 1];
        for (int id = 0; id < counts.size(k); id++) {
            long c = counts.occurrences(k, id);
            if (c >= 1 && c <= maxR) {
                n[(int) c]++;
            }
        }
        return n;
    }
}
