package io.lmkit.transformer.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * Layer normalisation (Ba et al. 2016) with a trained gain (starting at 1) and bias (at 0): each
 * row is normalised to mean 0 and variance 1 over its features, then scaled and shifted.
 */
public final class LayerNorm {

    /** Added to the variance so that a constant row does not divide by zero (GPT-2's value). */
    public static final double EPSILON = 1e-5;

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final Parameter gain;
    private final Parameter bias;

    /** Creates {@code name.gain} (ones) and {@code name.bias} (zeros) of {@code width} in {@code store}. */
    public LayerNorm(ParameterStore store, Workspace workspace, String name, int width) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.gain = store.zeros(name + ".gain", 1, width);
        double[] ones = new double[width];
        java.util.Arrays.fill(ones, 1);
        gain.value().set(ones);
        this.bias = store.zeros(name + ".bias", 1, width);
    }

    /**
     * What the forward pass keeps for the backward pass.
     *
     * @param y          the output [rows, width]
     * @param normalized x̂ [rows, width]
     * @param invStd     1/σ of every row [rows, 1]
     */
    public record Pass(Tensor y, Tensor normalized, Tensor invStd) {
    }

    /** y = gain ⊙ (x − mean) / σ + bias, row by row. */
    public Pass forward(Tensor x) {
        Pass p = new Pass(workspace.zeros(x.rows(), x.cols()), workspace.zeros(x.rows(), x.cols()),
                workspace.zeros(x.rows(), 1));
        backend.layerNorm(x, gain.value(), bias.value(), EPSILON, p.y(), p.normalized(), p.invStd());
        return p;
    }

    /** Adds the gain and bias gradients and returns dx for dy. */
    public Tensor backward(Pass p, Tensor dy) {
        Tensor dx = workspace.zeros(dy.rows(), dy.cols());
        backend.layerNormBackward(p.normalized(), p.invStd(), gain.value(), dy, dx, gain.gradient(), bias.gradient());
        return dx;
    }
}
