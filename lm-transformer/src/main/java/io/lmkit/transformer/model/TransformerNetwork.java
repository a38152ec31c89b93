package io.lmkit.transformer.model;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Dropout;
import io.lmkit.neural.block.Linear;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.transformer.block.LayerNorm;
import io.lmkit.transformer.block.Positions;
import io.lmkit.transformer.block.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only Transformer: token embeddings plus position vectors, {@code layers}
 * pre-LayerNorm blocks, a final layer norm and the softmax over the vocabulary, its weights the
 * token embeddings when tied. A batch is B windows of T positions, [B·T, width] with row n·T + t
 * window n at position t (positions count from each window's start).
 *
 * <p>The logits cover every vocabulary id, with a constant {@link #NEVER} added to the column of
 * {@code <s>} so that its probability is exactly 0 in float32 and float64 and the softmax over the
 * ids equals the softmax over the predicted classes; no gradient reaches that column. Logits are
 * computed only for the rows that are scored, so padding and the carried context of a window cost
 * no output layer.
 *
 * <p>Tensors of a pass come from the network's {@link Workspace}, but no caller opens a scope of it:
 * the shapes of a pass change with every batch (its windows' length, its scored rows), and a
 * workspace keeps a set of tensors per shape for good, which ran a brown-v1 training out of a 6 GB
 * heap within minutes. Each pass allocates its tensors and leaves them to the garbage collector.
 */
final class TransformerNetwork {

    /** The logit offset of {@code <s>}: e^(−10^6) is 0 in any precision. */
    static final double NEVER = -1e6;

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final ParameterStore store;
    private final TransformerConfig config;
    private final Parameter embedding;
    private final Positions.Table positions;
    private final TransformerBlock[] blocks;
    private final LayerNorm finalNorm;
    private final Linear untiedOutput;
    private final Parameter outputBias;
    private final Tensor bosMask;

    TransformerNetwork(ComputeBackend backend, int vocabulary, int bos, TransformerConfig c, long seed) {
        this.backend = backend;
        this.workspace = new Workspace(backend);
        this.store = new ParameterStore(backend);
        this.config = c;
        this.embedding = store.uniform("embedding", vocabulary, c.model(), c.initScale(), seed);
        this.positions = c.positions().table(store, c.context(), c.model(), c.initScale(), seed + 1);
        this.blocks = new TransformerBlock[c.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new TransformerBlock(store, workspace, "block" + l, c.model(), c.heads(), c.feedForward(),
                    c.initScale(), seed + 100L * (l + 1));
        }
        this.finalNorm = new LayerNorm(store, workspace, "final", c.model());
        this.untiedOutput = c.tieWeights() ? null
                : new Linear(store, "output", c.model(), vocabulary, false, c.initScale(), seed + 7);
        this.outputBias = store.zeros("output.bias", 1, vocabulary);
        double[] mask = new double[vocabulary];
        mask[bos] = NEVER;
        this.bosMask = backend.of(1, vocabulary, mask);
    }

    ComputeBackend backend() {
        return backend;
    }

    Workspace workspace() {
        return workspace;
    }

    ParameterStore parameters() {
        return store;
    }

    TransformerConfig config() {
        return config;
    }

    TransformerBlock[] blocks() {
        return blocks;
    }

    LayerNorm finalNorm() {
        return finalNorm;
    }

    int vocabulary() {
        return embedding.value().rows();
    }

    /**
     * B windows of T input ids with their targets.
     *
     * @param inputs  [B·T] input ids, row-major by window
     * @param targets [B·T] the id each position predicts, or −1 where nothing is scored (padding,
     *                carried context)
     */
    record Batch(int[] inputs, int batch, int time, int[] targets) {
        Batch {
            if (inputs.length != batch * time || targets.length != inputs.length) {
                throw new IllegalArgumentException(inputs.length + " inputs and " + targets.length + " targets for "
                        + batch + " windows of " + time);
            }
        }

        /** The rows with a target, in order. */
        int[] scoredRows() {
            int n = 0;
            for (int t : targets) {
                n += t >= 0 ? 1 : 0;
            }
            int[] rows = new int[n];
            for (int r = 0, i = 0; r < targets.length; r++) {
                if (targets[r] >= 0) {
                    rows[i++] = r;
                }
            }
            return rows;
        }
    }

    /** What a forward pass keeps. */
    static final class Pass {
        final Batch batch;
        final int[] scored;
        Tensor inputMask;                                // embedding dropout, or null
        Tensor input;                                    // x: embeddings + positions, before dropout [B·T, D]
        final List<TransformerBlock.Pass> blocks = new ArrayList<>();
        LayerNorm.Pass last;
        Tensor top;                                      // the final norm's output at the scored rows [M, D]
        Tensor logits;                                   // [M, V]

        Pass(Batch batch) {
            this.batch = batch;
            this.scored = batch.scoredRows();
        }
    }

    /** The input vectors, embedding plus position, of a batch [B·T, D]. */
    Tensor inputs(Batch b) {
        Tensor x = workspace.zeros(b.inputs().length, config.model());
        backend.gather(embedding.value(), b.inputs(), x, 0);
        positions.addTo(x, b.time());
        return x;
    }

    /** Runs the network forward; logits only at the scored rows. */
    Pass forward(Batch b, double dropout, double attentionDropout, long seed) {
        Pass p = new Pass(b);
        p.input = inputs(b);
        Tensor x = p.input;
        if (dropout > 0) {
            p.inputMask = Dropout.blockMask(backend, x.rows(), x.cols(), 1 - dropout, seed * 31);
            Tensor dropped = workspace.zeros(x.rows(), x.cols());
            Dropout.forward(backend, x, p.inputMask, dropped);
            x = dropped;
        }
        for (int l = 0; l < blocks.length; l++) {
            TransformerBlock.Pass bp = blocks[l].forward(x, b.time(),
                    new TransformerBlock.Dropouts(dropout, attentionDropout, seed * 31 + l + 1));
            p.blocks.add(bp);
            x = bp.y();
        }
        p.last = finalNorm.forward(x);
        p.top = workspace.zeros(p.scored.length, config.model());
        forRuns(p.scored, (from, to, row) -> backend.copyRows(p.last.y(), from, p.top, row, to - from));
        p.logits = workspace.zeros(p.scored.length, vocabulary());
        logits(p.top, p.logits);
        return p;
    }

    /** logits = top·Eᵀ (or top·W) + bias + the {@code <s>} mask. */
    void logits(Tensor top, Tensor logits) {
        if (untiedOutput == null) {
            backend.gemm(false, true, 1, top, embedding.value(), 0, logits);
        } else {
            untiedOutput.forward(top, logits, false);
        }
        Tensor bias = workspace.zeros(1, vocabulary());
        backend.copy(outputBias.value(), bias);
        backend.axpy(1, bosMask, bias);
        backend.addRowVector(logits, bias);
    }

    /** A run of consecutive scored rows [from, to) of the batch, written from {@code row} of the compact rows. */
    interface Run {
        void accept(int from, int to, int row);
    }

    private static void forRuns(int[] scored, Run run) {
        for (int i = 0; i < scored.length; ) {
            int j = i + 1;
            while (j < scored.length && scored[j] == scored[j - 1] + 1) {
                j++;
            }
            run.accept(scored[i], scored[j - 1] + 1, i);
            i = j;
        }
    }

    /** The targets of the scored rows. */
    static int[] scoredTargets(Pass p) {
        int[] t = new int[p.scored.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = p.batch.targets()[p.scored[i]];
        }
        return t;
    }

    /**
     * Backpropagates the mean cross-entropy of the scored rows, adding every parameter's gradient.
     *
     * @return the mean loss in nats per scored token
     */
    double backward(Pass p) {
        int m = p.scored.length;
        double loss = backend.crossEntropy(p.logits, scoredTargets(p), p.logits, 1.0 / m);
        backward(p, p.logits, true);
        return loss / m;
    }

    /**
     * Backpropagates d(loss)/d(logits) down to the inputs: the parameters' gradients are added when
     * {@code parameters}; returns d(loss)/d(x) for the input vectors x (embedding plus position).
     */
    Tensor backward(Pass p, Tensor dLogits, boolean parameters) {
        Tensor dTop = workspace.zeros(p.scored.length, config.model());
        backend.columnSums(dLogits, 1, outputBias.gradient());
        if (untiedOutput == null) {
            backend.gemm(true, false, 1, dLogits, p.top, 1, embedding.gradient());   // dE += dLogitsᵀ·top
            backend.gemm(false, false, 1, dLogits, embedding.value(), 0, dTop);     // dTop = dLogits·E
        } else {
            untiedOutput.backward(p.top, dLogits, dTop, false);
        }
        Tensor dy = workspace.zeros(p.batch.inputs().length, config.model());
        forRuns(p.scored, (from, to, row) -> backend.copyRows(dTop, row, dy, from, to - from));
        Tensor dx = finalNorm.backward(p.last, dy);
        for (int l = blocks.length - 1; l >= 0; l--) {
            dx = blocks[l].backward(p.blocks.get(l), dx);
        }
        if (p.inputMask != null) {
            Dropout.backward(backend, p.inputMask, dx, dx);
        }
        if (parameters) {
            positions.backward(dx, p.batch.time());
            backend.scatterAdd(dx, 0, p.batch.inputs(), embedding.gradient());
        } else {
            store.zeroGradients();
        }
        return dx;
    }

    /** The embedding row of {@code id} plus the vector of {@code position}, [1, D]. */
    Tensor input(int id, int position) {
        Tensor x = backend.zeros(1, config.model());
        backend.gather(embedding.value(), new int[] {id}, x, 0);
        backend.addRows(positions.values(), position, x, 0, 1);
        return x;
    }
}
