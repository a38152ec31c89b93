package io.lmkit.ngram.estimate;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;

/**
 * Interpolated Kneser-Ney estimation exactly as KenLM's {@code lmplz} does it (Chen &amp; Goodman
 * 1998; Heafield et al. 2013; see {@code shared/docs/KENLM-NOTES.md}):
 *
 * <ol>
 *   <li>Adjusted counts: the highest order and every n-gram starting with {@code <s>} keep their
 *       count; every other n-gram g gets its continuation count N1+(• g). {@code <s>} gets 0.</li>
 *   <li>Discounts per order from the counts-of-counts of adjusted counts: three (D1, D2, D3+)
 *       for modified Kneser-Ney, one for the original; invalid ones fall back to lmplz's
 *       {@code --discount_fallback} values (0.5, 1, 1.5) with a warning.</li>
 *   <li>u(w|h) = (a(hw) − D(a(hw))) / Σx a(hx); γ(h) = (D1·N1(h•) + D2·N2(h•) + D3·N3+(h•)) / Σx a(hx);
 *       p(w|h) = u(w|h) + γ(h)·p(w|h'); at the bottom p(w) = u(w) + γ(ε)/|V| with |V| every word
 *       but {@code <s>}.</li>
 * </ol>
 * The model is stored in backoff form: p(w|h) for every counted n-gram and the backoff weight
 * that makes each distribution sum to 1, which is γ(h) up to float rounding.
 */
public final class KneserNey {

    /** How many discounts each order has. */
    public enum Variant {
        /** One discount per order, D = t1/(t1 + 2 t2) (Kneser &amp; Ney 1995). */
        ORIGINAL,
        /** Three discounts per order, D1, D2, D3+ (Chen &amp; Goodman 1998). */
        MODIFIED
    }

    /** Which counts-of-counts the discounts come from. */
    public enum DiscountStatistics {
        /** The textbook statistics: t_k counts the n-grams whose adjusted count is k. */
        TEXTBOOK,
        /**
         * What KenLM's lmplz computes: as textbook, except that for each order below the highest,
         * the last n-gram in lmplz's suffix-sorted order (words numbered by first appearance in the
         * training text) is counted with its raw count instead of its adjusted count. Use it to
         * reproduce lmplz's ARPA files to the last digit; it moves brown-v1's unigram D1 from
         * 0.222290 to 0.221814.
         */
        LMPLZ
    }

    private final NgramCounts counts;
    private final Variant variant;
    private final DiscountStatistics statistics;
    private final int order;
    private final long[][] adjusted;
    private final Discounts[] discounts;

    private KneserNey(NgramCounts counts, Variant variant, DiscountStatistics statistics) {
        this.counts = counts;
        this.variant = variant;
        this.statistics = statistics;
        this.order = counts.order();
        this.adjusted = new long[order + 1][];
        this.discounts = new Discounts[order + 1];
    }

    /** Estimates an interpolated Kneser-Ney model from counts with the textbook discounts. */
    public static NgramModel estimate(NgramCounts counts, Variant variant) {
        return estimate(counts, variant, DiscountStatistics.TEXTBOOK);
    }

    /** Estimates an interpolated Kneser-Ney model from counts, without pruning. */
    public static NgramModel estimate(NgramCounts counts, Variant variant, DiscountStatistics statistics) {
        return estimate(counts, variant, statistics, Pruning.NONE);
    }

    /** Estimates an interpolated Kneser-Ney model from counts, pruned as {@code pruning} says. */
    public static NgramModel estimate(NgramCounts counts, Variant variant, DiscountStatistics statistics,
                                      Pruning pruning) {
        KneserNey kn = new KneserNey(counts, variant, statistics);
        kn.adjustCounts();
        for (int k = 1; k <= kn.order; k++) {
            kn.discounts[k] = kn.discountsOf(k);
        }
        return kn.build(pruning.prunes() ? pruning.survivors(counts, kn.adjusted) : null);
    }

    /** The discounts an estimate of {@code counts} uses, index k for order k (index 0 unused). */
    public static Discounts[] discounts(NgramCounts counts, Variant variant, DiscountStatistics statistics) {
        KneserNey kn = new KneserNey(counts, variant, statistics);
        kn.adjustCounts();
        Discounts[] out = new Discounts[kn.order + 1];
        for (int k = 1; k <= kn.order; k++) {
            out[k] = kn.discountsOf(k);
        }
        return out;
    }

    private void adjustCounts() {
        Vocabulary v = counts.vocabulary();
        boolean[] bosStart = new boolean[v.size()];
        bosStart[v.bos()] = true;
        for (int k = 1; k <= order; k++) {
            int n = counts.size(k);
            long[] a = new long[n];
            boolean[] starts = k == 1 ? bosStart : new boolean[n];
            for (int id = 0; id < n; id++) {
                if (k > 1) {
                    starts[id] = bosStart[counts.prefix(k, id)];
                }
                a[id] = k == order || starts[id] ? counts.occurrences(k, id) : counts.continuations(k, id);
            }
            if (k == 1) {
                a[v.bos()] = 0;
            }
            adjusted[k] = a;
            bosStart = starts;
        }
    }

    private Discounts discountsOf(int k) {
        long[] t = new long[5];
        for (long a : adjusted[k]) {
            KneserNeyMath.countOfCount(t, a, +1);
        }
        if (statistics == DiscountStatistics.LMPLZ && k < order) {
            int last = lastInLmplzOrder(k);
            if (last >= 0) {
                KneserNeyMath.lmplzCorrection(t, adjusted[k][last], counts.occurrences(k, last));
            }
        }
        return discountsOf(k, t, variant);
    }

    /**
     * The discounts of order {@code k} from its counts-of-counts t1..t4 (index 1..4), or the fallback with a
     * warning when they give none: the one place both the in-memory and the sorted-stream estimation decide it.
     */
    static Discounts discountsOf(int k, long[] t, Variant variant) {
        return KneserNeyMath.discounts(k, t, variant);
    }

    /**
     * The n-gram of order k that sorts last when n-grams are compared from their last word back,
     * words numbered as lmplz numbers them ({@code <s>} 1, {@code </s>} 2, then by first appearance).
     */
    private int lastInLmplzOrder(int k) {
        int[] rank = counts.firstAppearanceRanks();
        int best = -1;
        for (int id = 0; id < counts.size(k); id++) {
            if (adjusted[k][id] == 0 && counts.occurrences(k, id) == 0) {
                continue;
            }
            if (best < 0 || compareFromLastWord(k, id, best, rank) > 0) {
                best = id;
            }
        }
        return best;
    }

    private int compareFromLastWord(int k, int a, int b, int[] rank) {
        int ia = a;
        int ib = b;
        for (int kk = k; kk >= 1; kk--) {
            int c = Integer.compare(rank[counts.word(kk, ia)], rank[counts.word(kk, ib)]);
            if (c != 0) {
                return c;
            }
            if (kk > 1) {
                ia = counts.prefix(kk, ia);
                ib = counts.prefix(kk, ib);
            }
        }
        return 0;
    }

    /** Builds the model; {@code keep} (null for all) says which n-grams of each order ≥ 2 to store. */
    private NgramModel build(boolean[][] keep) {
        Vocabulary v = counts.vocabulary();
        long[] sizes = new long[order];
        for (int k = 1; k <= order; k++) {
            sizes[k - 1] = keep == null || k == 1 ? counts.size(k) : countTrue(keep[k]);
        }
        NgramModelBuilder builder = new NgramModelBuilder(v, order, sizes);
        double unigramTotal = 0;
        long[] nk = new long[4];
        for (int w = 0; w < adjusted[1].length; w++) {
            long a = adjusted[1][w];
            unigramTotal += a;
            if (a > 0) {
                nk[(int) Math.min(a, 3)]++;
            }
        }
        Discounts d1 = discounts[1];
        double gammaEmpty = KneserNeyMath.emptyContextWeight(d1, nk, unigramTotal);
        double uniform = gammaEmpty / v.predictedCount();
        double[] lower = new double[v.size()];
        double[] unigramLog10 = new double[v.size()];
        for (int w = 0; w < v.size(); w++) {
            long a = adjusted[1][w];
            lower[w] = w == v.bos() ? 1.0 : KneserNeyMath.unigram(a, d1, unigramTotal, uniform);
            unigramLog10[w] = KneserNeyMath.storedUnigramLog10(lower[w]);
        }
        float[][] log10 = new float[order + 1][];
        for (int k = 2; k <= order; k++) {
            int n = counts.size(k);
            double[] probs = new double[n];
            float[] lg = new float[n];
            double[] context = contextStatistics(k);
            Discounts d = discounts[k];
            long[] a = adjusted[k];
            for (int id = 0; id < n; id++) {
                int h = counts.prefix(k, id);
                double p = KneserNeyMath.interpolated(a[id], d, context[2 * h], context[2 * h + 1],
                        lower[counts.suffix(k, id)]);
                probs[id] = p;
                lg[id] = KneserNeyMath.storedLog10(p);
            }
            log10[k] = lg;
            lower = probs;
        }
        return BackoffNormalizer.normalized(counts, builder, unigramLog10, log10, keep);
    }

    private static long countTrue(boolean[] flags) {
        long n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    /**
     * For every context h of order k−1, from the n-grams of order k: Σx a(hx) at index 2h and the
     * interpolation weight γ(h) at 2h+1 (0 for a context never extended), side by side because every
     * n-gram hw reads both.
     */
    private double[] contextStatistics(int k) {
        int contexts = counts.size(k - 1);
        double[] total = new double[contexts];
        // N1(h•), N2(h•), N3+(h•): integers, so γ does not depend on the order the n-grams come in.
        int[][] n = new int[4][contexts];
        long[] a = adjusted[k];
        for (int id = 0; id < a.length; id++) {
            int h = counts.prefix(k, id);
            total[h] += a[id];
            if (a[id] > 0) {
                n[(int) Math.min(a[id], 3)][h]++;
            }
        }
        double[] both = new double[2 * contexts];
        for (int h = 0; h < contexts; h++) {
            both[2 * h] = total[h];
            both[2 * h + 1] = gamma(discounts[k], n[1][h], n[2][h], n[3][h], total[h]);
        }
        return both;
    }

    /**
     * γ(h) = (D1·N1(h•) + D2·N2(h•) + D3·N3+(h•)) / Σx a(hx), 0 when h has no continuation: the one
     * formula of the in-memory, the sorted-stream and the Spark estimation (Chen &amp; Goodman 1998, eq. 27).
     */
    public static double gamma(Discounts d, long n1, long n2, long n3, double total) {
        return total > 0 ? (d.d1() * n1 + d.d2() * n2 + d.d3() * n3) / total : 0;
    }
}
