package io.lmkit.rnn.model;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.block.Dropout;
import io.lmkit.neural.output.ExactSoftmax;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.rnn.cell.RecurrentCell;
import io.lmkit.rnn.cell.RecurrentCell.State;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedding, a stack of recurrent layers and a softmax, unrolled over a segment of T steps for
 * B parallel streams. Tensors of a segment are [T·B, width], time-major: row t·B + b is stream b at
 * step t. The input projections of all steps are one matrix multiply per layer, as is the output
 * layer over all steps; only the recurrence goes step by step. Gradients stop at the segment's
 * start (truncated BPTT): the initial states are constants; likewise at the steps where a
 * stream's state is reset to zero (a new sentence, with {@code sentenceReset}).
 *
 * <p>Tensor lifetimes: parameters and the states from {@link #zeroStates} are the caller's and live
 * as long as it keeps them; every tensor of a segment's passes (and of the cells' steps) comes from
 * the network's {@link Workspace}, so inside a training step's scope they are lent for that step
 * only and reused by the next, and outside one they are new and simply dropped.
 */
final class RecurrentNetwork {

    private final ComputeBackend backend;
    private final Workspace workspace;
    private final ParameterStore store;
    private final Parameter embedding;
    private final RecurrentCell[] layers;
    private final OutputLayer output;
    private final int classes;

    RecurrentNetwork(ComputeBackend backend, CellKind kind, int vocabulary, int classes, RnnConfig c, long seed) {
        this.backend = backend;
        this.workspace = new Workspace(backend);
        this.store = new ParameterStore(backend);
        this.classes = classes;
        this.embedding = store.uniform("embedding", vocabulary, c.embedding(), c.initScale(), seed);
        this.layers = new RecurrentCell[c.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = kind.create(workspace, store, "layer" + l, l == 0 ? c.embedding() : c.hidden(), c,
                    seed + 10L * (l + 1));
        }
        if (c.tied() && c.embedding() != c.hidden()) {
            throw new IllegalArgumentException("tied embeddings need embedding == hidden, got " + c.embedding() + " and "
                    + c.hidden());
        }
        // The class words are every id but <s> = 1, so a tied output drops the embedding row of <s>.
        this.output = c.tied() ? OutputLayer.tied(store, workspace, embedding, classes, 1)
                : OutputLayer.untied(store, c.hidden(), classes, c.initScale(), seed + 1000);
    }

    ParameterStore parameters() {
        return store;
    }

    int classes() {
        return classes;
    }

    int layers() {
        return layers.length;
    }

    int hidden() {
        return layers[0].hidden();
    }

    boolean hasMemory() {
        return layers[0].hasMemory();
    }

    ComputeBackend backend() {
        return backend;
    }

    /**
     * Where the tensors of a segment's forward and backward passes come from: a training step opens
     * a scope of it so that every step reuses the tensors of the step before.
     */
    Workspace workspace() {
        return workspace;
    }

    /** Copies {@code from} into {@code to}, layer by layer (a segment's final state into the carried one). */
    void copyStates(State[] from, State[] to) {
        for (int l = 0; l < from.length; l++) {
            backend.copy(from[l].h(), to[l].h());
            if (from[l].c() != null) {
                backend.copy(from[l].c(), to[l].c());
            }
        }
    }

    /** Zero states for B streams. */
    State[] zeroStates(int batch) {
        State[] s = new State[layers.length];
        for (int l = 0; l < layers.length; l++) {
            s[l] = new State(backend.zeros(batch, hidden()), hasMemory() ? backend.zeros(batch, hidden()) : null);
        }
        return s;
    }

    /** The states after feeding one word to every layer, from {@code states} (one stream). */
    State[] step(State[] states, int word) {
        Tensor x = backend.zeros(1, embedding.value().cols());
        backend.gather(embedding.value(), new int[] {word}, x, 0);
        State[] next = new State[layers.length];
        for (int l = 0; l < layers.length; l++) {
            RecurrentCell cell = layers[l];
            Tensor projected = backend.zeros(1, cell.gates() * cell.hidden());
            backend.gemm(false, false, 1, x, cell.inputWeight().value(), 0, projected);
            backend.addRowVector(projected, cell.inputBias().value());
            next[l] = cell.forward(projected, states[l]).next();
            x = next[l].h();
        }
        return next;
    }

    /** The output layer's logits [rows, K] for top-layer outputs [rows, H]. */
    Tensor logits(Tensor top) {
        Tensor logits = backend.zeros(top.rows(), classes);
        output.forward(top, logits);
        return logits;
    }

    /** What a segment's forward pass keeps. */
    static final class Segment {
        final int steps;
        final int batch;
        final int[] inputs;
        final Tensor[] layerInputs;                 // per layer, [T·B, in], after dropout
        final Tensor[] masks;                       // per layer input, and the top output at [layers]
        final List<List<RecurrentCell.Step>> stepsByLayer = new ArrayList<>();
        Tensor top;                                 // the last layer's outputs after dropout [T·B, H]
        Tensor logits;                              // [T·B, K]
        State[] finals;
        boolean[] resets;                           // time-major steps whose state was set to zero, or null

        Segment(int steps, int batch, int[] inputs, int layers) {
            this.steps = steps;
            this.batch = batch;
            this.inputs = inputs;
            this.layerInputs = new Tensor[layers];
            this.masks = new Tensor[layers + 1];
        }
    }

    /**
     * Runs a segment forward.
     *
     * @param inputs  the input word ids, time-major: inputs[t·B + b]
     * @param initial the state of every layer before the segment
     */
    Segment forward(int[] inputs, int steps, int batch, State[] initial, double dropout, long seed) {
        return forward(inputs, null, steps, batch, initial, dropout, seed);
    }

    /**
     * Runs a segment forward, setting the state of a stream to zero before every step marked in
     * {@code resets} (time-major like the inputs; null for none), as scoring a sentence from
     * {@code <s>} starts it. The backward pass then stops the gradient there.
     */
    Segment forward(int[] inputs, boolean[] resets, int steps, int batch, State[] initial, double dropout,
                    long seed) {
        Segment s = forwardTop(inputs, resets, steps, batch, initial, dropout, seed);
        s.logits = workspace.zeros(steps * batch, classes);
        output.forward(s.top, s.logits);
        return s;
    }

    /** {@link #forward(int[], boolean[], int, int, State[], double, long)} up to the top layer's outputs: no logits. */
    Segment forwardTop(int[] inputs, boolean[] resets, int steps, int batch, State[] initial, double dropout,
                       long seed) {
        Segment s = new Segment(steps, batch, inputs, layers.length);
        s.resets = resets;
        int rows = steps * batch;
        Tensor x = workspace.overwritten(rows, embedding.value().cols());
        backend.gather(embedding.value(), inputs, x, 0);
        s.finals = new State[layers.length];
        for (int l = 0; l < layers.length; l++) {
            s.layerInputs[l] = drop(s, l, x, dropout, seed);
            RecurrentCell cell = layers[l];
            Tensor projected = workspace.overwritten(rows, cell.gates() * cell.hidden());
            backend.gemm(false, false, 1, s.layerInputs[l], cell.inputWeight().value(), 0, projected);
            backend.addRowVector(projected, cell.inputBias().value());
            Tensor out = workspace.overwritten(rows, cell.hidden());
            List<RecurrentCell.Step> steps1 = new ArrayList<>(steps);
            State state = initial[l];
            for (int t = 0; t < steps; t++) {
                if (resetsAt(resets, t, batch)) {
                    state = new State(zeroRows(state.h(), resets, t), state.c() == null ? null
                            : zeroRows(state.c(), resets, t));
                }
                Tensor pt = workspace.overwritten(batch, projected.cols());
                backend.copyRows(projected, t * batch, pt, 0, batch);
                RecurrentCell.Step step = cell.forward(pt, state);
                steps1.add(step);
                backend.copyRows(step.next().h(), 0, out, t * batch, batch);
                state = step.next();
            }
            s.stepsByLayer.add(steps1);
            s.finals[l] = state;
            x = out;
        }
        s.top = drop(s, layers.length, x, dropout, seed);
        return s;
    }

    /**
     * Declares the output layer's weight constant for the scoring to come, so that the backend prepares it
     * once for every {@link #lnProbs} until the handle closes. The weights must not change meanwhile.
     */
    ComputeBackend.ConstantOperand holdOutputForScoring() {
        return output.holdForScoring();
    }

    /**
     * ln p(target) in float64 of every row of the top layer's outputs {@code top} [rows, H], for targets that
     * are all classes (no padding): the bias is added as the log-softmax reads each row of the [rows, K]
     * logits. Every number equals {@link ExactSoftmax#rowLnProbs} of {@link #forward}'s logits for the same
     * row, to the bit: a row of a matrix product does not depend on the other rows.
     */
    double[] lnProbs(Tensor top, int[] targets) {
        Tensor logits = workspace.overwritten(top.rows(), classes);             // [rows, K], written whole
        output.forwardUnbiased(top, logits);
        return ExactSoftmax.rowLnProbs(logits, output.bias(), targets);
    }

    private static boolean resetsAt(boolean[] resets, int t, int batch) {
        if (resets != null) {
            for (int b = 0; b < batch; b++) {
                if (resets[t * batch + b]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A copy of a [B, H] state or gradient with the rows of the streams reset at step t set to
     * zero (fresh zeros, not products, so they are exactly +0 as in a zero initial state).
     */
    private Tensor zeroRows(Tensor x, boolean[] resets, int t) {
        int batch = x.rows();
        Tensor out = workspace.zeros(batch, x.cols());
        for (int b = 0; b < batch; b++) {
            if (!resets[t * batch + b]) {
                backend.copyRows(x, b, out, b, 1);
            }
        }
        return out;
    }

    private Tensor drop(Segment s, int at, Tensor x, double dropout, long seed) {
        if (dropout <= 0) {
            return x;
        }
        s.masks[at] = Dropout.mask(backend, x.rows(), x.cols(), 1 - dropout, seed * 31 + at);
        Tensor y = workspace.zeros(x.rows(), x.cols());
        Dropout.forward(backend, x, s.masks[at], y);
        return y;
    }

    /**
     * Backpropagates the mean cross-entropy of a segment's predictions through time, adding the
     * parameters' gradients.
     *
     * @param targets the target classes, time-major
     * @return the mean loss in nats per prediction
     */
    double backward(Segment s, int[] targets) {
        int rows = s.steps * s.batch;
        double loss = backend.crossEntropy(s.logits, targets, s.logits, null);
        backend.scale(s.logits, 1.0 / rows);
        Tensor dOut = workspace.zeros(rows, hidden());
        output.backward(s.top, s.logits, dOut);
        for (int l = layers.length - 1; l >= 0; l--) {
            if (s.masks[l + 1] != null) {
                backend.multiply(dOut, s.masks[l + 1], dOut);
            }
            RecurrentCell cell = layers[l];
            Tensor dProjected = throughTime(s, l, dOut);
            backend.gemm(true, false, 1, s.layerInputs[l], dProjected, 1, cell.inputWeight().gradient());
            backend.columnSums(dProjected, 1, cell.inputBias().gradient());
            Tensor dIn = workspace.zeros(rows, s.layerInputs[l].cols());
            backend.gemm(false, true, 1, dProjected, cell.inputWeight().value(), 0, dIn);
            dOut = dIn;
        }
        if (s.masks[0] != null) {
            backend.multiply(dOut, s.masks[0], dOut);
        }
        backend.scatterAdd(dOut, 0, s.inputs, embedding.gradient());
        return loss / rows;
    }

    /**
     * The norm of d(loss at the last step)/d(h_t) of the top layer for every step t of a segment,
     * averaged over the streams: index k is the distance T−1−t back from the loss.
     */
    double[] gradientNormsByDistance(Segment s, int[] targets) {
        int rows = s.steps * s.batch;
        Tensor grad = workspace.zeros(rows, classes);
        backend.crossEntropy(s.logits, targets, grad, null);
        double[] g = grad.toDoubleArray();
        java.util.Arrays.fill(g, 0, (s.steps - 1) * s.batch * classes, 0);   // only the last step's loss
        grad.set(g);
        Tensor dOut = workspace.zeros(rows, hidden());
        output.inputGradient(grad, dOut);
        int l = layers.length - 1;
        RecurrentCell cell = layers[l];
        double[] norms = new double[s.steps];
        Tensor dh = null;
        Tensor dc = null;
        for (int t = s.steps - 1; t >= 0; t--) {
            Tensor dht = workspace.zeros(s.batch, cell.hidden());
            backend.copyRows(dOut, t * s.batch, dht, 0, s.batch);
            if (dh != null) {
                backend.axpy(1, dh, dht);
            }
            norms[s.steps - 1 - t] = meanRowNorm(dht);
            RecurrentCell.Backward b = cell.backward(s.stepsByLayer.get(l).get(t), dht, dc);
            dh = b.dhPrevious();
            dc = b.dcPrevious();
            if (resetsAt(s.resets, t, s.batch)) {
                dh = zeroRows(dh, s.resets, t);
                dc = dc == null ? null : zeroRows(dc, s.resets, t);
            }
        }
        store.zeroGradients();
        return norms;
    }

    private static double meanRowNorm(Tensor t) {
        double[] v = t.toDoubleArray();
        double total = 0;
        for (int i = 0; i < t.rows(); i++) {
            double sq = 0;
            for (int j = 0; j < t.cols(); j++) {
                sq += v[i * t.cols() + j] * v[i * t.cols() + j];
            }
            total += Math.sqrt(sq);
        }
        return total / t.rows();
    }

    /** d(loss)/d(projected) of layer l for every step, from the gradients of its outputs. */
    private Tensor throughTime(Segment s, int l, Tensor dOut) {
        RecurrentCell cell = layers[l];
        Tensor dProjected = workspace.zeros(s.steps * s.batch, cell.gates() * cell.hidden());
        Tensor dh = null;
        Tensor dc = null;
        List<RecurrentCell.Step> steps = s.stepsByLayer.get(l);
        for (int t = s.steps - 1; t >= 0; t--) {
            Tensor dht = workspace.zeros(s.batch, cell.hidden());
            backend.copyRows(dOut, t * s.batch, dht, 0, s.batch);
            if (dh != null) {
                backend.axpy(1, dh, dht);
            }
            RecurrentCell.Backward b = cell.backward(steps.get(t), dht, dc);
            backend.copyRows(b.dProjected(), 0, dProjected, t * s.batch, s.batch);
            dh = b.dhPrevious();
            dc = b.dcPrevious();
            if (resetsAt(s.resets, t, s.batch)) {
                // The state before a reset step was replaced by a constant: nothing flows to the step before.
                dh = zeroRows(dh, s.resets, t);
                dc = dc == null ? null : zeroRows(dc, s.resets, t);
            }
        }
        return dProjected;
    }
}
