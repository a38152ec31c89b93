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
 * The gated recurrent unit (Cho et al. 2014), in the form cuDNN and PyTorch use:
 * r = σ(x·Wxr + br + h·Whr + bhr), z = σ(x·Wxz + bz + h·Whz + bhz),
 * n = tanh(x·Wxn + bn + r ⊙ (h·Whn + bhn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
 */
public final class GruCell implements RecurrentCell {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final Parameter wx;
    private final Parameter bias;
    private final Parameter wh;
    private final Parameter hiddenBias;
    private final int h;

    /**
     * Creates the cell's weights in {@code store} under {@code name}; its per-step tensors come from
     * {@code workspace}.
     */
    public GruCell(Workspace workspace, ParameterStore store, String name, int in, int hidden, double scale,
                   long seed) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.h = hidden;
        this.wx = store.uniform(name + ".wx", in, 3 * hidden, scale, seed);
        this.bias = store.zeros(name + ".b", 1, 3 * hidden);
        this.wh = store.uniform(name + ".wh", hidden, 3 * hidden, scale, seed + 1);
        this.hiddenBias = store.zeros(name + ".bh", 1, 3 * hidden);
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int hidden() {
        return h;
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
        Tensor hh = workspace.zeros(projected.rows(), 3 * h);            // [B, 3H] = h·Wh + bh
        backend.gemm(false, false, 1, previous.h(), wh.value(), 0, hh);
        backend.addRowVector(hh, hiddenBias.value());
        Tensor r = block(workspace, projected, 0, h);
        backend.axpy(1, block(workspace, hh, 0, h), r);
        backend.activate(Activation.SIGMOID, r, r);
        Tensor z = block(workspace, projected, 1, h);
        backend.axpy(1, block(workspace, hh, 1, h), z);
        backend.activate(Activation.SIGMOID, z, z);
        Tensor hn = block(workspace, hh, 2, h);
        Tensor n = block(workspace, projected, 2, h);
        backend.axpy(1, times(workspace, r, hn), n);
        backend.activate(Activation.TANH, n, n);
        Tensor hNext = workspace.zeros(n.rows(), h);                       // n − z⊙n + z⊙h_{t−1}
        backend.copy(n, hNext);
        backend.axpy(-1, times(workspace, z, n), hNext);
        backend.axpy(1, times(workspace, z, previous.h()), hNext);
        return new Step(previous, new State(hNext, null), new Tensor[] {r, z, n, hn});
    }

    @Override
    public Backward backward(Step step, Tensor dh, Tensor dc) {
        Tensor r = step.saved()[0];
        Tensor z = step.saved()[1];
        Tensor n = step.saved()[2];
        Tensor hn = step.saved()[3];
        Tensor hPrev = step.previous().h();
        Tensor dn = workspace.zeros(dh.rows(), h);                         // dh ⊙ (1 − z)
        backend.copy(dh, dn);
        backend.axpy(-1, times(workspace, dh, z), dn);
        Tensor diff = workspace.zeros(dh.rows(), h);                       // h_{t−1} − n
        backend.copy(hPrev, diff);
        backend.axpy(-1, n, diff);
        Tensor dz = times(workspace, dh, diff);
        Tensor dhPrev = times(workspace, dh, z);
        backend.activateBackward(Activation.TANH, n, dn, dn);              // d(pre-activation of n)
        Tensor dhn = times(workspace, dn, r);
        Tensor dr = times(workspace, dn, hn);
        backend.activateBackward(Activation.SIGMOID, r, dr, dr);
        backend.activateBackward(Activation.SIGMOID, z, dz, dz);
        Tensor dProjected = join(workspace, dr, dz, dn);
        Tensor dhh = join(workspace, dr, dz, dhn);
        backend.gemm(true, false, 1, hPrev, dhh, 1, wh.gradient());
        backend.columnSums(dhh, 1, hiddenBias.gradient());
        backend.gemm(false, true, 1, dhh, wh.value(), 1, dhPrev);
        return new Backward(dProjected, dhPrev, null);
    }
}
