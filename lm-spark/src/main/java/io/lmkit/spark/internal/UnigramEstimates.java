package io.lmkit.spark.internal;

import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.KneserNeyMath;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The unigram half of a Spark estimation, on the driver (one value per word), the same in both plans: lmplz's word
 * order, the unigram discounts and every word's probability, with lm-ngram's formulas.
 */
final class UnigramEstimates {

    private UnigramEstimates() {
    }

    /** lmplz's word numbers: {@code <s>} 1, {@code </s>} 2, then by first appearance; -1 for unseen words. */
    static int[] firstAppearanceRanks(KneserNeySettings s, long[] occurrences, long[] first) {
        Integer[] byFirst = new Integer[s.vocabularySize()];
        for (int w = 0; w < byFirst.length; w++) {
            byFirst[w] = w;
        }
        Arrays.sort(byFirst, Comparator.comparingLong(w -> first[w]));
        int[] rank = new int[byFirst.length];
        Arrays.fill(rank, -1);
        rank[s.bos()] = 1;
        rank[s.eos()] = 2;
        int next = 3;
        for (int w : byFirst) {
            if (occurrences[w] > 0 && w != s.eos() && w != s.bos()) {
                rank[w] = next++;
            }
        }
        return rank;
    }

    /** The unigrams' discounts from their adjusted counts {@code a} and raw counts {@code c}. */
    static Discounts discounts(KneserNeySettings s, long[] a, long[] c, int[] rank) {
        long[] t = new long[5];
        int last = -1;
        for (int w = 0; w < a.length; w++) {
            KneserNeyMath.countOfCount(t, a[w], +1);
            if ((a[w] != 0 || c[w] != 0) && (last < 0 || rank[w] > rank[last])) {
                last = w;
            }
        }
        if (s.statistics() == KneserNey.DiscountStatistics.LMPLZ && s.order() > 1 && last >= 0) {
            KneserNeyMath.lmplzCorrection(t, a[last], c[last]);
        }
        return KneserNeyMath.discounts(1, t, s.variant());
    }

    /** Every word's probability ({@code lower}, unrounded) and its stored log10 ({@code log10}). */
    static void probabilities(KneserNeySettings s, long[] a, Discounts d1, double[] lower, double[] log10) {
        double total = 0;
        long[] byCount = new long[4];
        for (long x : a) {
            total += x;
            if (x > 0) {
                byCount[(int) Math.min(x, 3)]++;
            }
        }
        double uniform = KneserNeyMath.emptyContextWeight(d1, byCount, total) / s.predicted();
        for (int w = 0; w < a.length; w++) {
            lower[w] = w == s.bos() ? 1.0 : KneserNeyMath.unigram(a[w], d1, total, uniform);
            log10[w] = KneserNeyMath.storedUnigramLog10(lower[w]);
        }
    }
}
