package io.lmkit.transformer.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Dropout;
import io.lmkit.neural.param.ParameterStore;

/**
 * One pre-LayerNorm Transformer block (GPT-2; Xiong et al. 2020): h = x + drop(attention(LN1(x))),
 * y = h + drop(MLP(LN2(h))). The residual connections give every position's gradient a path of
 * identity maps to every earlier block.
 */
public final class TransformerBlock {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final LayerNorm norm1;
    private final CausalSelfAttention attention;
    private final LayerNorm norm2;
    private final FeedForward mlp;

    /** Creates block {@code name} of {@code width} with {@code heads} heads and an MLP of {@code hidden}. */
    public TransformerBlock(ParameterStore store, Workspace workspace, String name, int width, int heads, int hidden,
                            double scale, long seed) {
        this.backend = store.backend();
        this.workspace = workspace;
        this.norm1 = new LayerNorm(store, workspace, name + ".norm1", width);
        this.attention = new CausalSelfAttention(store, workspace, name + ".attention", width, heads, scale, seed);
        this.norm2 = new LayerNorm(store, workspace, name + ".norm2", width);
        this.mlp = new FeedForward(store, workspace, name + ".mlp", width, hidden, scale, seed + 10);
    }

    /** Dropout of one forward pass: probabilities and the seed of its masks. */
    public record Dropouts(double residual, double attention, long seed) {
        /** No dropout (evaluation). */
        public static final Dropouts NONE = new Dropouts(0, 0, 0);
    }

    /**
     * What the forward pass keeps.
     *
     * @param n1            LN1's pass
     * @param attention     the attention's pass
     * @param attentionMask the dropout mask of the attention branch, or null
     * @param h             x + the attention branch
     * @param n2            LN2's pass
     * @param mlp           the MLP's pass
     * @param mlpMask       the dropout mask of the MLP branch, or null
     * @param y             the block's output
     */
    public record Pass(LayerNorm.Pass n1, CausalSelfAttention.Pass attention, Tensor attentionMask, Tensor h,
                       LayerNorm.Pass n2, FeedForward.Pass mlp, Tensor mlpMask, Tensor y) {
    }

    /** Runs the block over B sequences of {@code time} positions, x [B·T, width]. */
    public Pass forward(Tensor x, int time, Dropouts drop) {
        LayerNorm.Pass n1 = norm1.forward(x);
        CausalSelfAttention.Pass a = attention.forward(n1.y(), time, drop.attention(), drop.seed());
        Tensor attentionMask = branchMask(x, drop, 1);
        Tensor h = residual(x, a.y(), attentionMask);
        LayerNorm.Pass n2 = norm2.forward(h);
        FeedForward.Pass m = mlp.forward(n2.y());
        Tensor mlpMask = branchMask(x, drop, 2);
        Tensor y = residual(h, m.y(), mlpMask);
        return new Pass(n1, a, attentionMask, h, n2, m, mlpMask, y);
    }

    private Tensor branchMask(Tensor x, Dropouts drop, int which) {
        return drop.residual() > 0 ? Dropout.blockMask(backend, x.rows(), x.cols(), 1 - drop.residual(),
                drop.seed() * 7 + which) : null;
    }

    /** x + branch ⊙ mask (a new tensor). */
    private Tensor residual(Tensor x, Tensor branch, Tensor mask) {
        Tensor out = workspace.zeros(x.rows(), x.cols());
        if (mask != null) {
            backend.multiply(branch, mask, out);
        } else {
            backend.copy(branch, out);
        }
        backend.axpy(1, x, out);
        return out;
    }

    /** Adds every parameter's gradient and returns dx for dy. */
    public Tensor backward(Pass p, Tensor dy) {
        Tensor dBranch = masked(dy, p.mlpMask());
        Tensor dh = norm2.backward(p.n2(), mlp.backward(p.mlp(), dBranch));
        backend.axpy(1, dy, dh);                                   // the residual path
        Tensor dAttention = masked(dh, p.attentionMask());
        Tensor dx = norm1.backward(p.n1(), attention.backward(p.attention(), dAttention));
        backend.axpy(1, dh, dx);
        return dx;
    }

    private Tensor masked(Tensor dy, Tensor mask) {
        if (mask == null) {
            return dy;
        }
        Tensor out = workspace.zeros(dy.rows(), dy.cols());
        backend.multiply(dy, mask, out);
        return out;
    }

    /** The first layer norm, for a one-position forward pass. */
    public LayerNorm norm1() {
        return norm1;
    }

    /** The attention. */
    public CausalSelfAttention attention() {
        return attention;
    }

    /** The second layer norm. */
    public LayerNorm norm2() {
        return norm2;
    }

    /** The MLP. */
    public FeedForward mlp() {
        return mlp;
    }
}
