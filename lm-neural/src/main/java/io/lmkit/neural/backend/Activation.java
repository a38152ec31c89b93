package io.lmkit.neural.backend;

/**
 * Element-wise non-linearities with a derivative that can be computed from the output alone, so the
 * backward pass needs only what the forward pass kept.
 */
public enum Activation {
    /** tanh(x); derivative 1 − y². */
    TANH,
    /** max(0, x); derivative 1 where y &gt; 0, else 0. */
    RELU,
    /** 1 / (1 + e^−x); derivative y(1 − y). */
    SIGMOID,
    /** x; derivative 1. */
    IDENTITY;

    /** f(x), in double precision: the reference the backends are tested against. */
    public double apply(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case RELU -> x > 0 ? x : 0;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case IDENTITY -> x;
        };
    }

    /** f'(x) expressed through y = f(x). */
    public double derivativeFromOutput(double y) {
        return switch (this) {
            case TANH -> 1 - y * y;
            case RELU -> y > 0 ? 1 : 0;
            case SIGMOID -> y * (1 - y);
            case IDENTITY -> 1;
        };
    }
}
