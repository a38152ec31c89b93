package io.lmkit.neural.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * An affine map y = x·W + b: weight W [in, out], optional bias b [1, out]. Stateless between
 * calls: the caller keeps the input for the backward pass.
 */
public final class Linear {

    private final ComputeBackend backend;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates W uniform in ±scale (seeded) and b = 0 in {@code store}.
     *
     * @param name    prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param hasBias whether there is a bias
     */
    public Linear(ParameterStore store, String name, int in, int out, boolean hasBias, double scale, long seed) {
        this.backend = store.backend();
        this.weight = store.uniform(name + ".weight", in, out, scale, seed);
        this.bias = hasBias ? store.zeros(name + ".bias", 1, out) : null;
    }

    /** The weight W [in, out]. */
    public Parameter weight() {
        return weight;
    }

    /** The input width. */
    public int in() {
        return weight.value().rows();
    }

    /** The output width. */
    public int out() {
        return weight.value().cols();
    }

    /**
     * y = x·W + b, or y += x·W (+ b) when {@code accumulate}, so several inputs can feed one output.
     *
     * @param x [batch, in]
     * @param y [batch, out]
     */
    public void forward(Tensor x, Tensor y, boolean accumulate) {
        backend.gemm(false, false, 1, x, weight.value(), accumulate ? 1 : 0, y);
        if (bias != null) {
            backend.addRowVector(y, bias.value());
        }
    }

    /**
     * Accumulates dW += xᵀ·dy and db += Σ_rows dy, and, when {@code dx} is not null, sets
     * dx = dy·Wᵀ (or adds it, when {@code accumulateDx}).
     */
    public void backward(Tensor x, Tensor dy, Tensor dx, boolean accumulateDx) {
        backend.gemm(true, false, 1, x, dy, 1, weight.gradient());
        if (bias != null) {
            backend.columnSums(dy, 1, bias.gradient());
        }
        if (dx != null) {
            backend.gemm(false, true, 1, dy, weight.value(), accumulateDx ? 1 : 0, dx);
        }
    }
}
