package io.lmkit.core.train;

import java.util.List;

/**
 * Updates parameters from their gradients: the contract the neural optimisers (SGD, momentum,
 * Adam, ...) implement. The parameter type belongs to the numeric module (lm-neural) so that
 * lm-core stays free of any compute backend.
 *
 * @param <P> the parameter type: a tensor with its gradient
 */
public interface Optimizer<P> {

    /** Prepares per-parameter buffers for {@code parameters}; called once before the first step. */
    void init(List<P> parameters);

    /**
     * Applies one update to every parameter from the gradient it holds.
     *
     * @param learningRate the step size of this update, after any schedule
     */
    void step(List<P> parameters, double learningRate);

    /** A snapshot of this optimiser's state, for checkpoints. */
    OptimizerState state();

    /** Restores a snapshot taken by {@link #state()} of an optimiser of the same kind and shape. */
    void restore(OptimizerState state);

    /** A fresh optimiser with the same settings and no state, so a trainer can be reused. */
    Optimizer<P> copy();
}
