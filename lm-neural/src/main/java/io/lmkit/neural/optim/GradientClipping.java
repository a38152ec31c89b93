package io.lmkit.neural.optim;

import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * The standard cure for exploding gradients (Pascanu et al. 2013): rescale all gradients together
 * when their global norm exceeds a threshold, or clip each value.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales every gradient by maxNorm / ‖g‖ when the global norm ‖g‖ exceeds {@code maxNorm}
     * (0 or less disables it).
     *
     * @return the norm before clipping, so it can be reported each step
     */
    public static double byGlobalNorm(ParameterStore store, double maxNorm) {
        double norm = store.gradientNorm();
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            double factor = maxNorm / norm;
            for (Parameter p : store.all()) {
                store.backend().scale(p.gradient(), factor);
            }
        }
        return norm;
    }

    /** Clips every gradient value into [−limit, limit] (0 or less disables it). */
    public static void byValue(ParameterStore store, double limit) {
        if (limit > 0) {
            for (Parameter p : store.all()) {
                store.backend().clip(p.gradient(), limit);
            }
        }
    }
}
