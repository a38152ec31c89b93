package io.lmkit.ngram.estimate;

/**
 * The absolute discounts of one order of a Kneser-Ney model: D1 for n-grams of (adjusted) count
 * 1, D2 for count 2, D3 for every count of 3 or more (Chen &amp; Goodman 1998, eq. 26). Interpolated
 * Kneser-Ney with one discount has D1 = D2 = D3.
 */
public record Discounts(double d1, double d2, double d3) {

    /** lmplz's {@code --discount_fallback} values, for orders whose counts-of-counts give no valid D. */
    public static final Discounts FALLBACK = new Discounts(0.5, 1.0, 1.5);

    /** The discount of an n-gram with adjusted count {@code count} (0 for count 0). */
    public double of(long count) {
        return count == 0 ? 0 : count == 1 ? d1 : count == 2 ? d2 : d3;
    }

    /**
     * Chen &amp; Goodman's estimates from the counts-of-counts t1..t4 of one order:
     * Y = t1/(t1 + 2 t2), D_k = k − (k+1)·Y·t_(k+1)/t_k.
     *
     * @return the discounts, or empty when some t_k is 0 or some D_k falls outside [0, k]
     */
    public static java.util.Optional<Discounts> modified(long[] countsOfCounts) {
        long t1 = countsOfCounts[1];
        long t2 = countsOfCounts[2];
        long t3 = countsOfCounts[3];
        long t4 = countsOfCounts[4];
        if (t1 == 0 || t2 == 0 || t3 == 0 || t4 == 0) {
            return java.util.Optional.empty();
        }
        double y = (double) t1 / (t1 + 2.0 * t2);
        double d1 = 1 - 2 * y * t2 / t1;
        double d2 = 2 - 3 * y * t3 / t2;
        double d3 = 3 - 4 * y * t4 / t3;
        if (d1 < 0 || d1 > 1 || d2 < 0 || d2 > 2 || d3 < 0 || d3 > 3) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Discounts(d1, d2, d3));
    }

    /** Ney's single discount D = t1/(t1 + 2 t2), or empty when it is not within (0, 1). */
    public static java.util.Optional<Discounts> single(long[] countsOfCounts) {
        long t1 = countsOfCounts[1];
        long t2 = countsOfCounts[2];
        if (t1 == 0 || t2 == 0) {
            return java.util.Optional.empty();
        }
        double d = (double) t1 / (t1 + 2.0 * t2);
        return java.util.Optional.of(new Discounts(d, d, d));
    }
}
