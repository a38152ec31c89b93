package io.lmkit.ngram.estimate;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores the probabilities an estimator computed in a model with every context's backoff weight set
 * from the probabilities as stored, so that each next-word distribution sums to 1 to double precision
 * although the probabilities are float32: bo(h) = (1 − Σ_{w: hw stored} p(w|h)) / (1 − Σ_{w: hw stored}
 * p(w|h')), with h' the context h without its first word (Katz 1987; SRILM's {@code computeBOWs}). For
 * interpolated models this equals the interpolation weight γ(h) up to float rounding.
 *
 * <p>It relies on the n-gram set being closed under suffixes (every stored n-gram's suffix is stored), so
 * that p(w|h') is the stored probability of h'w.
 *
 * <p>The backoffs of order k−1 are known once the probabilities of order k are, so each table is filled
 * once, with its final values, in the order of the n-gram ids (which fixes where every n-gram lands in its
 * hash table). The tables are filled on a second thread while the backoffs of the next order are summed:
 * each table still by one thread, in id order, so the model is the same bit for bit as filled on one.
 *
 * <p>Each backoff is rounded to {@link #MANTISSA_BITS} bits of mantissa (the sums stay within 2e-10 of 1),
 * and every layout stores that double as it is: the trie packs it in {@code 1 + 4 + 30} bits or so instead
 * of 64, and scores stay the same in every layout.
 *
 * <p>An estimator that computes the sums elsewhere (the bounded-memory estimation, lm-spark) adds, for each
 * context h over its followers in trie order (by the vocabulary id of their last word),
 * {@code Math.pow(10, stored log10 p(w|h))} and {@code Math.pow(10, stored log10 p(w|h'))}, then calls
 * {@link #log10Backoff}.
 */
public final class BackoffNormalizer {

    /**
     * Mantissa bits a log10 backoff L keeps. Rounding L by δ ≤ |L|·2^-31 moves the distribution's sum by
     * leftOver·(10^δ − 1) ≈ ln 10 · leftOver · |L| · 2^-31, and leftOver ≤ 10^L, so for L &lt; 0 the move
     * is at most ln 10 · max(|L|·10^L) · 2^-31 = 2^-31 / e ≈ 1.7e-10 (below the 1e-9 the contract asks);
     * for L &gt; 0 it is at most 1.1e-9 · L·leftOver, and L·leftOver stays below 0.16 on Brown's order 5.
     */
    static final int MANTISSA_BITS = 30;

    /** How many n-grams a table filler touches ahead of adding them. */
    private static final int BATCH = 32;

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
     * Fills {@code builder} with the stored values and normalised backoffs, and builds the model.
     *
     * @param unigramLog10 the log10 probability of every word (the unigrams)
     * @param log10        for each order k ≥ 2, the stored log10 probability of every n-gram id of
     *                     {@code counts}
     * @param keep         for each order k ≥ 2, which n-gram ids are stored (null: all); what is kept must be
     *                     closed under suffixes and contexts
     */
    static NgramModel normalized(NgramCounts counts, NgramModelBuilder builder, double[] unigramLog10,
                                 float[][] log10, boolean[][] keep) {
        ExecutorService filler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lmkit-ngram-tables");
            t.setDaemon(true);
            return t;
        });
        try {
            int order = counts.order();
            TableFiller tables = new TableFiller(counts, builder, log10, keep);
            // 10^(stored log10 p) of every n-gram of the order below, the lower-order terms of the backoffs.
            double[] lowerProb = new double[unigramLog10.length];
            for (int w = 0; w < lowerProb.length; w++) {
                lowerProb[w] = Math.pow(10, unigramLog10[w]);
            }
            List<Future<?>> filled = new ArrayList<>();
            for (int k = 2; k <= order; k++) {
                double[] prob = new double[counts.size(k)];
                double[] backoff = backoffs(counts, k, log10[k], keep == null ? null : keep[k], lowerProb, prob);
                int below = k - 1;
                Runnable fill = below == 1 ? () -> tables.unigrams(unigramLog10, backoff) : () -> tables.fill(below, backoff);
                filled.add(filler.submit(fill));
                lowerProb = prob;
            }
            Runnable top = order == 1 ? () -> tables.unigrams(unigramLog10, new double[unigramLog10.length])
                    : () -> tables.fill(order, null);
            filled.add(filler.submit(top));
            for (Future<?> f : filled) {
                await(f); // in order: the first failure is the one reported
            }
            return builder.build();
        } finally {
            filler.shutdownNow();
        }
    }

    /**
     * The log10 backoff of every context of order k−1 (0 for a context that no stored n-gram of order k
     * extends), from the stored n-grams of order {@code k}; sets {@code prob[id]} to 10^(stored log10 p) of
     * every stored n-gram of order k. Each context's sums run over its followers in trie order (by the
     * vocabulary id of their last word), as the bounded-memory and Spark estimations meet them: the backoffs
     * depend on the order in their last bits.
     */
    private static double[] backoffs(NgramCounts counts, int k, float[] log10, boolean[] keep, double[] lowerProb,
                                     double[] prob) {
        int contexts = counts.size(k - 1);
        int n = counts.size(k);
        int[] start = new int[contexts + 1];
        for (int id = 0; id < n; id++) {
            if (keep == null || keep[id]) {
                prob[id] = Math.pow(10, log10[id]);
                start[counts.prefix(k, id) + 1]++;
            }
        }
        for (int h = 0; h < contexts; h++) {
            start[h + 1] += start[h];
        }
        // Each context's followers in trie order, the order a stream of n-grams sorted for the model's tables
        // (the bounded-memory estimation) meets them: sums in one order in every estimator.
        long[] followers = new long[start[contexts]];
        int[] fill = java.util.Arrays.copyOf(start, contexts);
        for (int id = 0; id < n; id++) {
            if (keep == null || keep[id]) {
                followers[fill[counts.prefix(k, id)]++] = (long) counts.word(k, id) << 32 | id;
            }
        }
        double[] backoff = new double[contexts];
        for (int h = 0; h < contexts; h++) {
            if (start[h] == start[h + 1]) {
                continue;
            }
            java.util.Arrays.sort(followers, start[h], start[h + 1]);
            double seen = 0;
            double lower = 0;
            for (int f = start[h]; f < start[h + 1]; f++) {
                int id = (int) followers[f];
                seen += prob[id];
                lower += lowerProb[counts.suffix(k, id)];
            }
            backoff[h] = log10Backoff(1 - seen, 1 - lower);
        }
        return backoff;
    }

    private static void await(Future<?> filled) {
        try {
            filled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling the n-gram tables", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * log10 bo(h) from the mass its stored followers leave, 1 − Σ p(w|h), and the mass the same words leave
     * one order down, 1 − Σ p(w|h'), rounded to {@link #MANTISSA_BITS} mantissa bits; −∞ when either is not
     * positive.
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

    /**
     * Fills the builder's tables, order after order, each in id order; used by one thread at a time (the
     * executor's), which also keeps each order's slots for the order above.
     */
    private static final class TableFiller {
        private final NgramCounts counts;
        private final NgramModelBuilder builder;
        private final float[][] log10;
        private final boolean[][] keep;
        private int[] slotsBelow;
        /** The sum of the values touched, kept so that no compiler drops the reads as unused. */
        private int touched;

        TableFiller(NgramCounts counts, NgramModelBuilder builder, float[][] log10, boolean[][] keep) {
            this.counts = counts;
            this.builder = builder;
            this.log10 = log10;
            this.keep = keep;
        }

        void unigrams(double[] unigramLog10, double[] backoff) {
            for (int w = 0; w < unigramLog10.length; w++) {
                builder.unigram(w, unigramLog10[w], backoff[w]);
            }
        }

        /** Adds the n-grams of order k with their backoffs ({@code null} at the highest order: none). */
        void fill(int k, double[] backoff) {
            int n = counts.size(k);
            int[] slots = new int[n];
            float[] lg = log10[k];
            boolean[] kept = keep == null ? null : keep[k];
            int[] contextSlots = new int[BATCH];
            int touched = 0;
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                // First every home slot of the batch, each read independent of the others, so that their cache
                // misses overlap; then the adds, in id order, which find those slots cached.
                for (int id = from; id < to; id++) {
                    int prefix = counts.prefix(k, id);
                    int contextSlot = k == 2 ? prefix : slotsBelow[prefix];
                    contextSlots[id - from] = contextSlot;
                    if (contextSlot >= 0) {
                        touched += builder.touch(k, contextSlot, counts.word(k, id));
                    }
                }
                for (int id = from; id < to; id++) {
                    if (kept != null && !kept[id]) {
                        slots[id] = -1;
                        continue;
                    }
                    slots[id] = builder.add(k, contextSlots[id - from], counts.word(k, id), lg[id],
                            backoff == null ? 0.0 : backoff[id]);
                }
            }
            this.touched += touched;
            slotsBelow = slots;
        }
    }
}
