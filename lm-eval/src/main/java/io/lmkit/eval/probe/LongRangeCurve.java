package io.lmkit.eval.probe;

import java.util.List;
import java.util.OptionalInt;

/**
 * One model's accuracy and log-loss against distance on the long-range probe.
 *
 * @param label       the model's name in reports, e.g. {@code lstm}
 * @param description how it was made (plugin, settings, training time), for the report
 * @param points      one point per distance, in increasing order
 * @param context     the positions the model's window holds, when it has a fixed one (see
 *                    {@link #beyondContext})
 */
public record LongRangeCurve(String label, String description, List<LongRangePoint> points, OptionalInt context) {

    /** Copies the points. */
    public LongRangeCurve {
        points = List.copyOf(points);
    }

    /** A curve of a model without a fixed context window. */
    public LongRangeCurve(String label, String description, List<LongRangePoint> points) {
        this(label, description, points, OptionalInt.empty());
    }

    /**
     * Whether the key at distance {@code d} is beyond the model's context: the value is predicted
     * after reading {@code <s>}, the key and the d − 1 fillers, d + 1 positions, and a window of c
     * positions ({@code <s>} counted, as a Transformer's context counts it) holds them all only while
     * d &lt; c. Measured: a transformer with a 32-position window is at 100% for d ≤ 31 and at chance
     * from d = 32.
     */
    public boolean beyondContext(int d) {
        return context.isPresent() && d >= context.getAsInt();
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
