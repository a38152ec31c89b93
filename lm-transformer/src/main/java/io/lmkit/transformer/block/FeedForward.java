package io.lmkit.transformer.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Linear;
import io.lmkit.neural.param.ParameterStore;

/** The position-wise MLP of a Transformer block: y = GELU(x·W1 + b1)·W2 + b2, [rows, width] to [rows, width]. */
public final class FeedForward {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final Linear up;
    private final Linear down;

    /** Creates {@code name.up} [width, hidden] and {@code name.down} [hidden, width], uniform in ±scale. */
    public FeedForward(ParameterStore store, Workspace workspace, String name, int width, int hidden, double scale,
                       long seed) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.up = new Linear(store, name + ".up", width, hidden, true, scale, seed);
        this.down = new Linear(store, name + ".down", hidden, width, true, scale, seed + 1);
    }

    /**
     * What the forward pass keeps.
     *
     * @param x      the input [rows, width]
     * @param hidden x·W1 + b1 [rows, hidden], before GELU
     * @param active GELU(hidden)
     * @param y      the output [rows, width]
     */
    public record Pass(Tensor x, Tensor hidden, Tensor active, Tensor y) {
    }

    /** Runs the MLP on x. */
    public Pass forward(Tensor x) {
        Tensor hidden = workspace.zeros(x.rows(), up.out());
        up.forward(x, hidden, false);
        Tensor active = workspace.zeros(x.rows(), up.out());
        backend.gelu(hidden, active);
        Tensor y = workspace.zeros(x.rows(), down.out());
        down.forward(active, y, false);
        return new Pass(x, hidden, active, y);
    }

    /** Adds the weights' gradients and returns dx for dy. */
    public Tensor backward(Pass p, Tensor dy) {
        Tensor dActive = workspace.zeros(dy.rows(), up.out());
        down.backward(p.active(), dy, dActive, false);
        backend.geluBackward(p.hidden(), dActive, dActive);
        Tensor dx = workspace.zeros(dy.rows(), up.in());
        up.backward(p.x(), dActive, dx, false);
        return dx;
    }

    /** The first layer, for a one-position forward pass. */
    public Linear up() {
        return up;
    }

    /** The second layer, for a one-position forward pass. */
    public Linear down() {
        return down;
    }
}
