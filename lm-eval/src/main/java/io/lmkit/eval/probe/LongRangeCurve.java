package io.lmkit.eval.probe;

import java.util.List;

/**
 * One model's accuracy and log-loss against distance on the long-range probe.
 *
 * @param label       the model's name in reports, e.g. {@code lstm}
 * @param description how it was made (plugin, settings, training time), for the report
 * @param points      one point per distance, in increasing order
 */
public record LongRangeCurve(String label, String description, List<LongRangePoint> points) {

    /** Copies the points. */
    public LongRangeCurve {
        points = List.copyOf(points);
    }

    /**
     * The largest distance up to which every point has at least {@code threshold} accuracy
     * (0 when even the first misses it): how far back the model reliably remembers.
     */
    public int reach(double threshold) {
        int reach = 0;
        for (LongRangePoint p : points) {
            if (p.accuracy() < threshold) {
                break;
            }
            reach = p.distance();
        }
        return reach;
    }

    /** The mean accuracy over the points with {@code from <= distance <= to} (NaN when there are none). */
    public double meanAccuracy(int from, int to) {
        return points.stream().filter(p -> p.distance() >= from && p.distance() <= to)
                .mapToDouble(LongRangePoint::accuracy).average().orElse(Double.NaN);
    }
}
