package io.lmkit.transformer.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Dropout;
import io.lmkit.neural.block.Linear;
import io.lmkit.neural.param.ParameterStore;

/**
 * Multi-head causal self-attention (Vaswani et al. 2017, section 3.2): queries, keys and values are
 * linear maps of the input; each head's weights are the softmax of q·kᵀ/√d over the positions at or
 * before the query (the causal mask), optionally dropped out; the heads' weighted values, side by
 * side, go through an output map. A batch is B sequences of T positions, rows n·T + t, all computed
 * by the backend's per-head operations at once.
 */
public final class CausalSelfAttention {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    /** Creates the four [width, width] maps {@code name.query/key/value/output} with biases, uniform in ±scale. */
    public CausalSelfAttention(ParameterStore store, Workspace workspace, String name, int width, int heads,
                               double scale, long seed) {
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads + " heads");
        }
        this.backend = store.backend();
        this.workspace = workspace;
        this.heads = heads;
        this.query = new Linear(store, name + ".query", width, width, true, scale, seed);
        this.key = new Linear(store, name + ".key", width, width, true, scale, seed + 1);
        this.value = new Linear(store, name + ".value", width, width, true, scale, seed + 2);
        this.output = new Linear(store, name + ".output", width, width, true, scale, seed + 3);
    }

    /** The number of heads. */
    public int heads() {
        return heads;
    }

    /** 1/√d, the scale of the scores of heads of width d. */
    public double scoreScale() {
        return 1 / Math.sqrt((double) query.out() / heads);
    }

    /**
     * What the forward pass keeps.
     *
     * @param time    positions per sequence
     * @param x       the input [B·T, width]
     * @param q       queries [B·T, width]
     * @param k       keys [B·T, width]
     * @param v       values [B·T, width]
     * @param weights the attention weights [B·heads·T, T], before dropout
     * @param mask    the dropout mask of the weights, or null
     * @param dropped the weights after dropout (the same tensor as weights without dropout)
     * @param mixed   the heads' weighted values [B·T, width]
     * @param y       the output [B·T, width]
     */
    public record Pass(int time, Tensor x, Tensor q, Tensor k, Tensor v, Tensor weights, Tensor mask, Tensor dropped,
                       Tensor mixed, Tensor y) {
    }

    /**
     * Attends over B sequences of {@code time} positions.
     *
     * @param dropout drop probability of the attention weights (0: none)
     * @param seed    the seed of the dropout mask
     */
    public Pass forward(Tensor x, int time, double dropout, long seed) {
        int rows = x.rows();
        int width = x.cols();
        Tensor q = workspace.zeros(rows, width);
        Tensor k = workspace.zeros(rows, width);
        Tensor v = workspace.zeros(rows, width);
        query.forward(x, q, false);
        key.forward(x, k, false);
        value.forward(x, v, false);
        Tensor weights = workspace.zeros(rows * heads, time);                   // [B·H·T, T]
        backend.headScores(heads, time, scoreScale(), q, k, weights);
        backend.causalSoftmax(time, weights, weights);
        Tensor mask = null;
        Tensor dropped = weights;
        if (dropout > 0) {
            mask = Dropout.blockMask(backend, weights.rows(), time, 1 - dropout, seed);
            dropped = workspace.zeros(weights.rows(), time);
            Dropout.forward(backend, weights, mask, dropped);
        }
        Tensor mixed = workspace.zeros(rows, width);
        backend.headMix(heads, time, false, 1, dropped, v, mixed);
        Tensor y = workspace.zeros(rows, width);
        output.forward(mixed, y, false);
        return new Pass(time, x, q, k, v, weights, mask, dropped, mixed, y);
    }

    /** Adds the maps' gradients and returns dx for dy. */
    public Tensor backward(Pass p, Tensor dy) {
        int rows = dy.rows();
        int width = dy.cols();
        int time = p.time();
        Tensor dMixed = workspace.zeros(rows, width);
        output.backward(p.mixed(), dy, dMixed, false);
        Tensor dWeights = workspace.zeros(rows * heads, time);
        backend.headScores(heads, time, 1, dMixed, p.v(), dWeights);             // dP = dMixed·vᵀ (below the diagonal)
        Tensor dv = workspace.zeros(rows, width);
        backend.headMix(heads, time, true, 1, p.dropped(), dMixed, dv);          // dv = Pᵀ·dMixed
        if (p.mask() != null) {
            Dropout.backward(backend, p.mask(), dWeights, dWeights);
        }
        backend.causalSoftmaxBackward(time, p.weights(), dWeights, dWeights);    // d(scores)
        Tensor dq = workspace.zeros(rows, width);
        backend.headMix(heads, time, false, scoreScale(), dWeights, p.k(), dq);  // dq = dS·k/√d
        Tensor dk = workspace.zeros(rows, width);
        backend.headMix(heads, time, true, scoreScale(), dWeights, p.q(), dk);   // dk = dSᵀ·q/√d
        Tensor dx = workspace.zeros(rows, width);
        query.backward(p.x(), dq, dx, false);
        key.backward(p.x(), dk, dx, true);
        value.backward(p.x(), dv, dx, true);
        return dx;
    }

    /** The query map, for a one-position forward pass over cached keys and values. */
    public Linear query() {
        return query;
    }

    /** The key map. */
    public Linear key() {
        return key;
    }

    /** The value map. */
    public Linear value() {
        return value;
    }

    /** The output map. */
    public Linear output() {
        return output;
    }
}
