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

    /** Values in ascending order ({@link Double#compare}'s, as {@link Arrays#sort} leaves them), read by index. */
    interface Sorted {
        /** How many values there are. */
        int length();

        /** The value at {@code i}. */
        double get(int i);

        /** {@code values}, sorted already. */
        static Sorted of(double[] values) {
            return new Sorted() {
                @Override
                public int length() {
                    return values.length;
                }

                @Override
                public double get(int i) {
                    return values[i];
                }
            };
        }

        /** {@code values}, sorted already, as doubles: what a sorted double[] of the same values holds. */
        static Sorted of(float[] values) {
            return new Sorted() {
                @Override
                public int length() {
                    return values.length;
                }

                @Override
                public double get(int i) {
                    return values[i];
                }
            };
        }
    }

    /**
     * Bins for {@code values} in {@code 2^bits} groups.
     *
     * @param exact values (such as −∞ or 0) that keep a bin of their own when present
     */
    static QuantizationBins of(double[] values, int bits, double... exact) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(Sorted.of(sorted), bits, exact);
    }

    /**
     * Bins for values given sorted, in {@code 2^bits} groups: the bins {@link #of} gives for the same values in
     * any order, bit for bit (the group sums are taken in the same order). A caller that holds a large order's
     * values in a float[] (probabilities are float32) sorts that, at half the memory of a double[].
     *
     * @param exact values (such as −∞ or 0) that keep a bin of their own when present
     */
    static QuantizationBins ofSorted(Sorted sorted, int bits, double... exact) {
        int bins = 1 << bits;
        int n = sorted.length();
        // A kept value is one present exactly (Double.compare, as Arrays.binarySearch finds it); the values it
        // takes out of the groups (v == 0 takes -0.0 and 0.0 for a kept 0) lie in one run of the sorted order.
        double[] kept = Arrays.stream(exact).filter(e -> find(sorted, e)).toArray();
        int[][] runs = new int[kept.length][];
        int restLength = n;
        for (int i = 0; i < kept.length; i++) {
            double k = kept[i];
            int lo = k == 0 ? lowerBound(sorted, -0.0) : lowerBound(sorted, k);
            int hi = k == 0 ? upperBound(sorted, 0.0) : upperBound(sorted, k);
            runs[i] = new int[] {lo, hi};
            restLength -= hi - lo;
        }
        Arrays.sort(runs, (a, b) -> Integer.compare(a[0], b[0]));
        int groups = Math.max(1, Math.min(bins - kept.length, restLength));
        double[] centres = new double[groups + kept.length];
        if (restLength > 0) {
            // One walk over the values outside the runs: group g holds rest ranks [n*g/groups, n*(g+1)/groups).
            int g = 0;
            int to = (int) ((long) restLength / groups);
            int from = 0;
            double sum = 0;
            int rank = 0;
            int run = 0;
            for (int i = 0; i < n; i++) {
                if (run < runs.length && i == runs[run][0]) {
                    i = runs[run++][1] - 1;
                    continue;
                }
                sum += sorted.get(i);
                rank++;
                if (rank == to) {
                    centres[g] = sum / (to - from);
                    g++;
                    sum = 0;
                    from = to;
                    to = (int) ((long) restLength * (g + 1) / groups);
                }
            }
        }
        for (int i = 0; i < kept.length; i++) {
            centres[groups + i] = kept[i];
        }
        return new QuantizationBins(centres, groups);
    }

    private static boolean find(Sorted sorted, double key) {
        int i = lowerBound(sorted, key);
        return i < sorted.length() && Double.compare(sorted.get(i), key) == 0;
    }

    /** The first index whose value is not below {@code key} in Double.compare's order. */
    private static int lowerBound(Sorted sorted, double key) {
        int lo = 0;
        int hi = sorted.length();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted.get(mid), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is above {@code key} in Double.compare's order. */
    private static int upperBound(Sorted sorted, double key) {
        int lo = 0;
        int hi = sorted.length();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted.get(mid), key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
