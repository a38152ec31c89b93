package io.lmkit.ngram.internal;

import java.util.Arrays;

/**
 * Lossy storage of one order's probabilities or backoffs in a few bits: the values are sorted and cut
 * into 2^bits groups of (nearly) equal size whose means are the bin centres, and each value is stored
 * as the index of the nearest centre and read back as that centre. Equal-population bins put resolution where the values are
 * dense (the idea of KenLM's {@code -q}/{@code -b} quantisation, after Whittaker and Raj 2001).
 *
 * <p>Values that must stay exact get a bin of their own: −∞ (a probability of 0) and 0 (the backoff of
 * an n-gram that is never a context, which must not change the scores of its longer n-grams).
 */
final class QuantizationBins {

    private final double[] centres;
    private final int groups;

    private QuantizationBins(double[] centres, int groups) {
        this.centres = centres;
        this.groups = groups;
    }

    /**
     * Bins for {@code values} in {@code 2^bits} groups.
     *
     * @param exact values (such as −∞ or 0) that keep a bin of their own when present
     */
    static QuantizationBins of(double[] values, int bits, double... exact) {
        int bins = 1 << bits;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] kept = Arrays.stream(exact).filter(e -> Arrays.binarySearch(sorted, e) >= 0).toArray();
        double[] rest = Arrays.stream(sorted).filter(v -> !isExact(v, kept)).toArray();
        int groups = Math.max(1, Math.min(bins - kept.length, rest.length));
        double[] centres = new double[groups + kept.length];
        for (int g = 0; g < groups && rest.length > 0; g++) {
            int from = (int) ((long) rest.length * g / groups);
            int to = (int) ((long) rest.length * (g + 1) / groups);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += rest[i];
            }
            centres[g] = sum / (to - from);
        }
        if (rest.length == 0) {
            centres[0] = 0;
        }
        for (int i = 0; i < kept.length; i++) {
            centres[groups + i] = kept[i];
        }
        return new QuantizationBins(centres, groups);
    }

    private static boolean isExact(double v, double[] kept) {
        for (double k : kept) {
            if (Double.compare(v, k) == 0 || (v == 0 && k == 0)) {
                return true;
            }
        }
        return false;
    }

    /** The index stored for {@code value}: its own exact bin, else the group with the nearest centre. */
    int index(double value) {
        for (int i = groups; i < centres.length; i++) {
            if (Double.compare(centres[i], value) == 0 || (value == 0 && centres[i] == 0)) {
                return i;
            }
        }
        // The group centres ascend: find the first at or above the value, then take the nearer neighbour.
        int lo = 0;
        int hi = groups;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (centres[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return 0;
        }
        if (lo == groups) {
            return groups - 1;
        }
        return value - centres[lo - 1] <= centres[lo] - value ? lo - 1 : lo;
    }

    /** The centres, indexed by stored index. */
    double[] centres() {
        return centres.clone();
    }
}
