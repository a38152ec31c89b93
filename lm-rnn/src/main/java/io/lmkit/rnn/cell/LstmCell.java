package io.lmkit.rnn.cell;

import static io.lmkit.rnn.cell.Slices.block;
import static io.lmkit.rnn.cell.Slices.join;
import static io.lmkit.rnn.cell.Slices.times;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al.
 * 2000): gates [i | f | g | o] = x·Wx + h_{t−1}·Wh + b; i, f, o = σ(·), g = tanh(·);
 * c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t). The forget gate's bias starts at
 * {@code forgetBias} (1 by Jozefowicz et al. 2015), so memory is kept by default.
 */
public final class LstmCell implements RecurrentCell {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final Parameter wx;
    private final Parameter wh;
    private final Parameter bias;
    private final int h;

    /**
     * Creates the cell's weights in {@code store} under {@code name}; its per-step tensors come from
     * {@code workspace}.
     */
    public LstmCell(Workspace workspace, ParameterStore store, String name, int in, int hidden, double scale,
                    double forgetBias, long seed) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.h = hidden;
        this.wx = store.uniform(name + ".wx", in, 4 * hidden, scale, seed);
        this.wh = store.uniform(name + ".wh", hidden, 4 * hidden, scale, seed + 1);
        this.bias = store.zeros(name + ".b", 1, 4 * hidden);
        double[] b = new double[4 * hidden];
        for (int j = hidden; j < 2 * hidden; j++) {
            b[j] = forgetBias;
        }
        bias.value().set(b);
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public int hidden() {
        return h;
    }

    @Override
    public boolean hasMemory() {
        return true;
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
        Tensor a = workspace.zeros(projected.rows(), 4 * h);             // [B, 4H]
        backend.copy(projected, a);
        backend.gemm(false, false, 1, previous.h(), wh.value(), 1, a);
        Tensor i = block(workspace, a, 0, h);
        Tensor f = block(workspace, a, 1, h);
        Tensor g = block(workspace, a, 2, h);
        Tensor o = block(workspace, a, 3, h);
        backend.activate(Activation.SIGMOID, i, i);
        backend.activate(Activation.SIGMOID, f, f);
        backend.activate(Activation.TANH, g, g);
        backend.activate(Activation.SIGMOID, o, o);
        Tensor c = times(workspace, f, previous.c());
        backend.axpy(1, times(workspace, i, g), c);
        Tensor tc = workspace.zeros(c.rows(), h);
        backend.activate(Activation.TANH, c, tc);
        Tensor hNext = times(workspace, o, tc);
        return new Step(previous, new State(hNext, c), new Tensor[] {i, f, g, o, tc});
    }

    @Override
    public Backward backward(Step step, Tensor dh, Tensor dcNext) {
        Tensor i = step.saved()[0];
        Tensor f = step.saved()[1];
        Tensor g = step.saved()[2];
        Tensor o = step.saved()[3];
        Tensor tc = step.saved()[4];
        Tensor dOut = times(workspace, dh, tc);                               // d(o)
        Tensor dc = times(workspace, dh, o);                                  // d(tanh c)
        backend.activateBackward(Activation.TANH, tc, dc, dc);              // through tanh
        if (dcNext != null) {
            backend.axpy(1, dcNext, dc);
        }
        Tensor di = times(workspace, dc, g);
        Tensor dg = times(workspace, dc, i);
        Tensor df = times(workspace, dc, step.previous().c());
        Tensor dcPrev = times(workspace, dc, f);
        backend.activateBackward(Activation.SIGMOID, i, di, di);
        backend.activateBackward(Activation.SIGMOID, f, df, df);
        backend.activateBackward(Activation.TANH, g, dg, dg);
        backend.activateBackward(Activation.SIGMOID, o, dOut, dOut);
        Tensor da = join(workspace, di, df, dg, dOut);                        // [B, 4H]
        backend.gemm(true, false, 1, step.previous().h(), da, 1, wh.gradient());
        Tensor dhPrev = workspace.zeros(dh.rows(), h);
        backend.gemm(false, true, 1, da, wh.value(), 0, dhPrev);
        return new Backward(da, dhPrev, dcPrev);
    }
}
