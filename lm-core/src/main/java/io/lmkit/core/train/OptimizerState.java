package io.lmkit.core.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of an optimiser that a checkpoint must keep so that training resumes exactly: the
 * number of steps taken and named per-parameter buffers (momentum, Adam's moments, ...), in float64
 * so that no backend's values lose precision.
 *
 * @param optimizer the optimiser's name, so a checkpoint is not restored into another kind
 * @param steps     update steps taken so far
 * @param buffers   buffers by name, e.g. {@code "m/embedding"}; copied, never shared
 */
public record OptimizerState(String optimizer, long steps, Map<String, double[]> buffers) {

    /** Copies the buffers so that the state is a value. */
    public OptimizerState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }

    /** A copy of the named buffer. */
    public double[] buffer(String name) {
        double[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("optimizer state of '" + optimizer + "' has no buffer '" + name
                    + "'; it has " + buffers.keySet());
        }
        return b.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState s) || steps != s.steps || !optimizer.equals(s.optimizer)
                || !buffers.keySet().equals(s.buffers.keySet())) {
            return false;
        }
        return buffers.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), s.buffers.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + Long.hashCode(steps);
    }
}
