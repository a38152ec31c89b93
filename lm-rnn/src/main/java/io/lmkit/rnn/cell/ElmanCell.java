package io.lmkit.rnn.cell;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * Elman's simple recurrent network (Elman 1990; Mikolov et al. 2010): h_t = f(x_t·Wx + h_{t−1}·Wh + b)
 * with f = tanh or ReLU.
 */
public final class ElmanCell implements RecurrentCell {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final Activation activation;
    private final Parameter wx;
    private final Parameter wh;
    private final Parameter bias;

    /**
     * Creates the cell's weights in {@code store} under {@code name}; its per-step tensors come from
     * {@code workspace}.
     */
    public ElmanCell(Workspace workspace, ParameterStore store, String name, int in, int hidden,
                     Activation activation, double scale, long seed) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.activation = activation;
        this.wx = store.uniform(name + ".wx", in, hidden, scale, seed);
        this.wh = store.uniform(name + ".wh", hidden, hidden, scale, seed + 1);
        this.bias = store.zeros(name + ".b", 1, hidden);
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int hidden() {
        return wh.value().rows();
    }

    @Override
    public boolean hasMemory() {
        return false;
    }

    @Override
    public Parameter inputWeight() {
        return wx;
    }

    @Override
    public Parameter inputBias() {
        return bias;
    }

    @Override
    public Step forward(Tensor projected, State previous) {
        Tensor h = workspace.zeros(projected.rows(), hidden());
        backend.copy(projected, h);
        backend.gemm(false, false, 1, previous.h(), wh.value(), 1, h);     // [B, H] += h_{t-1}·Wh
        backend.activate(activation, h, h);
        return new Step(previous, new State(h, null), new Tensor[0]);
    }

    @Override
    public Backward backward(Step step, Tensor dh, Tensor dc) {
        Tensor da = workspace.zeros(dh.rows(), hidden());
        backend.activateBackward(activation, step.next().h(), dh, da);
        backend.gemm(true, false, 1, step.previous().h(), da, 1, wh.gradient());
        Tensor dhPrev = workspace.zeros(dh.rows(), hidden());
        backend.gemm(false, true, 1, da, wh.value(), 0, dhPrev);
        return new Backward(da, dhPrev, null);
    }
}
