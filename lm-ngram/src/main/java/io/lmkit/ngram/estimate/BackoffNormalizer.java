package io.lmkit.ngram.estimate;

import io.lmkit.ngram.NgramModelBuilder;

/**
 * Sets every context's backoff weight from the probabilities as stored, so that each next-word
 * distribution sums to 1 to double precision although the probabilities are float32:
 * bo(h) = (1 − Σ_{w: hw stored} p(w|h)) / (1 − Σ_{w: hw stored} p(w|h')), with h' the context h
 * without its first word (Katz 1987; SRILM's {@code computeBOWs}). For interpolated models this
 * equals the interpolation weight γ(h) up to float rounding.
 *
 * <p>It relies on the n-gram set being closed under suffixes (every counted n-gram's suffix is
 * counted), so that p(w|h') is the stored probability of h'w.
 */
final class BackoffNormalizer {

    private BackoffNormalizer() {
    }

    /**
     * Normalises the backoffs of every order below the highest.
     *
     * @param slots for each order k ≥ 2, the slot of every n-gram id of {@code counts}, or -1 for
     *              an n-gram that was pruned and is not stored
     */
    static void normalize(NgramCounts counts, NgramModelBuilder builder, int[][] slots) {
        int[] rank = counts.firstAppearanceRanks();
        for (int k = 2; k <= counts.order(); k++) {
            int contexts = counts.size(k - 1);
            long[] byContext = followersInWordOrder(counts, slots, k, rank);
            int at = 0;
            for (int h = 0; h < contexts; h++) {
                double seen = 0;
                double lower = 0;
                boolean extended = false;
                while (at < byContext.length && counts.prefix(k, (int) byContext[at]) == h) {
                    int id = (int) byContext[at++];
                    seen += Math.pow(10, builder.log10Prob(k, slots[k][id]));
                    lower += Math.pow(10, storedLog10(counts, builder, slots, k - 1, counts.suffix(k, id)));
                    extended = true;
                }
                if (!extended) {
                    continue;
                }
                double log10Backoff = log10Backoff(1 - seen, 1 - lower);
                if (k - 1 == 1) {
                    builder.setUnigramBackoff(h, log10Backoff);
                } else {
                    builder.setBackoff(k - 1, slots[k - 1][h], log10Backoff);
                }
            }
        }
    }

    /**
     * The stored n-grams of order k grouped by context id, and within a context by the first-appearance
     * number of their last word (the order the sorted-stream estimation adds them in, so that both sums
     * are equal bit for bit): each entry is (rank &lt;&lt; 32 | id).
     */
    private static long[] followersInWordOrder(NgramCounts counts, int[][] slots, int k, int[] rank) {
        int contexts = counts.size(k - 1);
        int[] start = new int[contexts + 1];
        for (int id = 0; id < counts.size(k); id++) {
            if (slots[k][id] >= 0) {
                start[counts.prefix(k, id) + 1]++;
            }
        }
        for (int h = 0; h < contexts; h++) {
            start[h + 1] += start[h];
        }
        long[] out = new long[start[contexts]];
        int[] fill = java.util.Arrays.copyOf(start, contexts);
        for (int id = 0; id < counts.size(k); id++) {
            if (slots[k][id] >= 0) {
                out[fill[counts.prefix(k, id)]++] = (long) rank[counts.word(k, id)] << 32 | id;
            }
        }
        for (int h = 0; h < contexts; h++) {
            java.util.Arrays.sort(out, start[h], start[h + 1]);
        }
        return out;
    }

    private static double storedLog10(NgramCounts counts, NgramModelBuilder builder, int[][] slots, int k, int id) {
        return k == 1 ? builder.unigramLog10Prob(id) : builder.log10Prob(k, slots[k][id]);
    }

    static double log10Backoff(double leftOver, double lowerLeftOver) {
        if (leftOver <= 0) {
            // The seen words take all the mass (maximum likelihood): nothing is left to back off with.
            return Double.NEGATIVE_INFINITY;
        }
        if (lowerLeftOver <= 0) {
            // Rounding made the lower order's unseen mass vanish; give the leftover to nobody rather than divide by 0.
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log10(leftOver / lowerLeftOver);
    }
}
