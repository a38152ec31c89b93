package io.lmkit.neural.param;

import io.lmkit.neural.backend.Tensor;
import java.util.Objects;

/**
 * A trainable tensor and the gradient accumulated for it: what an optimiser updates. The gradient
 * has the value's shape; backward passes add into it and {@link ParameterStore#zeroGradients()}
 * clears it before each step.
 */
public final class Parameter {

    private final String name;
    private final Tensor value;
    private final Tensor gradient;

    /** A parameter named {@code name} (unique within its store) over {@code value}. */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = value;
        this.gradient = value.backend().zeros(value.rows(), value.cols());
    }

    /** The parameter's unique name, e.g. {@code "embedding"}. */
    public String name() {
        return name;
    }

    /** The current values. */
    public Tensor value() {
        return value;
    }

    /** d(loss)/d(value), accumulated by the backward passes. */
    public Tensor gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return name + "[" + value.rows() + " x " + value.cols() + "]";
    }
}
