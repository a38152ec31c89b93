package io.lmkit.ngram.estimate;

import io.lmkit.ngram.NgramModelBuilder;

/**
 * Sets every context's backoff weight from the probabilities as stored, so that each next-word
 * distribution sums to 1 (within 2e-10, see {@link #MANTISSA_BITS}) although the probabilities are float32:
 * bo(h) = (1 − Σ_{w: hw stored} p(w|h)) / (1 − Σ_{w: hw stored} p(w|h')), with h' the context h
 * without its first word (Katz 1987; SRILM's {@code computeBOWs}). For interpolated models this
 * equals the interpolation weight γ(h) up to float rounding.
 *
 * <p>Each backoff is rounded to {@link #MANTISSA_BITS} bits of mantissa, and every layout stores that
 * double as it is: the trie packs it in {@code 1 + 4 + 30} bits or so instead of 64, and scores stay the
 * same in every layout.
 *
 * <p>It relies on the n-gram set being closed under suffixes (every counted n-gram's suffix is
 * counted), so that p(w|h') is the stored probability of h'w.
 *
 * <p>An estimator that computes the sums elsewhere (lm-spark) adds, for each context h in the order
 * {@link NgramCounts} numbers its followers, {@code Math.pow(10, stored log10 p(w|h))} and
 * {@code Math.pow(10, stored log10 p(w|h'))}, then calls {@link #log10Backoff}.
 */
public final class BackoffNormalizer {

    /**
     * Mantissa bits a log10 backoff L keeps. Rounding L by δ ≤ |L|·2^-31 moves the distribution's sum by
     * leftOver·(10^δ − 1) ≈ ln 10 · leftOver · |L| · 2^-31, and leftOver ≤ 10^L, so for L &lt; 0 the move
     * is at most ln 10 · max(|L|·10^L) · 2^-31 = 2^-31 / e ≈ 1.7e-10 (below the 1e-9 the contract asks);
     * for L &gt; 0 it is at most 1.1e-9 · L·leftOver, and L·leftOver stays below 0.16 on Brown's order 5.
     */
    static final int MANTISSA_BITS = 30;

    private BackoffNormalizer() {
    }

    /** {@code log10Backoff} rounded to the nearest double of {@link #MANTISSA_BITS} mantissa bits (±0, ±∞ kept). */
    static double rounded(double log10Backoff) {
        if (log10Backoff == 0 || Double.isInfinite(log10Backoff) || Double.isNaN(log10Backoff)) {
            return log10Backoff;
        }
        int dropped = 52 - MANTISSA_BITS;
        // Adding half of the dropped part before clearing it rounds half away from zero; a carry into the
        // exponent gives the right power of two.
        long bits = Double.doubleToRawLongBits(log10Backoff) + (1L << (dropped - 1));
        return Double.longBitsToDouble(bits & -(1L << dropped));
    }

    /**
     * Normalises the backoffs of every order below the highest.
     *
     * @param slots for each order k ≥ 2, the slot of every n-gram id of {@code counts}, or -1 for
     *              an n-gram that was pruned and is not stored
     */
    static void normalize(NgramCounts counts, NgramModelBuilder builder, int[][] slots) {
        for (int k = 2; k <= counts.order(); k++) {
            int contexts = counts.size(k - 1);
            double[] seen = new double[contexts];
            double[] lower = new double[contexts];
            boolean[] extended = new boolean[contexts];
            for (int id = 0; id < counts.size(k); id++) {
                if (slots[k][id] < 0) {
                    continue;
                }
                int h = counts.prefix(k, id);
                seen[h] += Math.pow(10, builder.log10Prob(k, slots[k][id]));
                lower[h] += Math.pow(10, storedLog10(counts, builder, slots, k - 1, counts.suffix(k, id)));
                extended[h] = true;
            }
            for (int h = 0; h < contexts; h++) {
                if (!extended[h]) {
                    continue;
                }
                double log10Backoff = log10Backoff(1 - seen[h], 1 - lower[h]);
                if (k - 1 == 1) {
                    builder.setUnigramBackoff(h, log10Backoff);
                } else {
                    builder.setBackoff(k - 1, slots[k - 1][h], log10Backoff);
                }
            }
        }
    }

    private static double storedLog10(NgramCounts counts, NgramModelBuilder builder, int[][] slots, int k, int id) {
        return k == 1 ? builder.unigramLog10Prob(id) : builder.log10Prob(k, slots[k][id]);
    }

    /**
     * log10 bo(h) from the mass its stored followers leave, 1 − Σ p(w|h), and the mass the same words leave
     * one order down, 1 − Σ p(w|h'); −∞ when either is not positive.
     */
    public static double log10Backoff(double leftOver, double lowerLeftOver) {
        if (leftOver <= 0) {
            // The seen words take all the mass (maximum likelihood): nothing is left to back off with.
            return Double.NEGATIVE_INFINITY;
        }
        if (lowerLeftOver <= 0) {
            // Rounding made the lower order's unseen mass vanish; give the leftover to nobody rather than divide by 0.
            return Double.NEGATIVE_INFINITY;
        }
        return rounded(Math.log10(leftOver / lowerLeftOver));
    }
}
