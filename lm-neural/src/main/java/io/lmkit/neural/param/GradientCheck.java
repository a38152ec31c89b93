package io.lmkit.neural.param;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Compares the gradients a backward pass computed with central finite differences,
 * (L(θ + ε) − L(θ − ε)) / 2ε, element by element. Run it on the float64 reference backend: in
 * float32 the differences drown in rounding.
 */
public final class GradientCheck {

    /**
     * The outcome.
     *
     * @param maxRelativeError the largest |analytic − numeric| / max(|analytic|, |numeric|, 1e-8)
     * @param where            the parameter and element where it occurred
     * @param checked          how many elements were compared
     */
    public record Result(double maxRelativeError, String where, int checked) {
    }

    private GradientCheck() {
    }

    /**
     * Checks the gradients of every parameter of {@code store}.
     *
     * @param lossAndGradients zeroes the gradients, runs forward and backward, returns the loss
     * @param epsilon          the finite-difference step (1e-6 suits float64)
     * @param perParameter     how many elements of each parameter to check (all when smaller)
     */
    public static Result check(ParameterStore store, DoubleSupplier lossAndGradients, double epsilon,
                               int perParameter, long seed) {
        lossAndGradients.getAsDouble();
        java.util.Map<String, double[]> analytic = new java.util.LinkedHashMap<>();
        for (Parameter p : store.all()) {
            analytic.put(p.name(), p.gradient().toDoubleArray());
        }
        SplittableRandom random = new SplittableRandom(seed);
        double worst = 0;
        String where = "none";
        int checked = 0;
        for (Parameter p : store.all()) {
            double[] values = p.value().toDoubleArray();
            double[] grad = analytic.get(p.name());
            int n = values.length;
            int count = Math.min(n, perParameter);
            for (int c = 0; c < count; c++) {
                int i = count == n ? c : random.nextInt(n);
                double original = values[i];
                values[i] = original + epsilon;
                p.value().set(values);
                double plus = lossAndGradients.getAsDouble();
                values[i] = original - epsilon;
                p.value().set(values);
                double minus = lossAndGradients.getAsDouble();
                values[i] = original;
                p.value().set(values);
                double numeric = (plus - minus) / (2 * epsilon);
                double error = Math.abs(grad[i] - numeric) / Math.max(1e-8, Math.max(Math.abs(grad[i]),
                        Math.abs(numeric)));
                // Both tiny: the difference is rounding, not a wrong gradient.
                if (Math.abs(grad[i] - numeric) < 1e-9) {
                    error = 0;
                }
                checked++;
                if (error > worst) {
                    worst = error;
                    where = p.name() + "[" + i + "]: analytic " + grad[i] + ", numeric " + numeric;
                }
            }
        }
        lossAndGradients.getAsDouble();
        return new Result(worst, where, checked);
    }
}
