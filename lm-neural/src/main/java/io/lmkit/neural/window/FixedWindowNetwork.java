package io.lmkit.neural.window;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.block.Dropout;
import io.lmkit.neural.block.Embedding;
import io.lmkit.neural.block.Linear;
import io.lmkit.neural.output.ExactSoftmax;
import io.lmkit.neural.param.ParameterStore;

/**
 * Bengio et al. (2003), eq. 1: y = b + W·x + U·tanh(d + H·x), where x is the concatenation of the
 * embeddings C(w) of the n−1 previous words; a softmax over y gives P(next word). With
 * {@code direct} off, W is absent. Shapes are written as [rows, cols] with B the batch.
 *
 * <p>The output classes are the predicted symbols: every vocabulary id but {@code <s>}.
 */
final class FixedWindowNetwork {

    private final ComputeBackend backend;
    private final ParameterStore store;
    private final Embedding embedding;
    private final Linear hiddenLayer;
    private final Linear outputLayer;
    private final Linear directLayer;
    private final Activation activation;
    private final int context;
    private final int classes;

    FixedWindowNetwork(ComputeBackend backend, int vocabulary, int classes, FixedWindowConfig c, long seed) {
        this.backend = backend;
        this.store = new ParameterStore(backend);
        this.context = c.order() - 1;
        this.classes = classes;
        this.activation = c.activation();
        int in = context * c.embedding();
        this.embedding = new Embedding(store, "embedding", vocabulary, c.embedding(), 0.1, seed);
        this.hiddenLayer = new Linear(store, "hidden", in, c.hidden(), true, Math.sqrt(3.0 / in), seed + 1);
        this.outputLayer = new Linear(store, "output", c.hidden(), classes, true, Math.sqrt(3.0 / c.hidden()), seed + 2);
        this.directLayer = c.direct() ? new Linear(store, "direct", in, classes, false, Math.sqrt(3.0 / in) * 0.1,
                seed + 3) : null;
    }

    ParameterStore parameters() {
        return store;
    }

    int classes() {
        return classes;
    }

    /**
     * The activations of one forward pass, kept for the backward pass.
     *
     * @param x         the concatenated embeddings [B, (n−1)m]
     * @param activated the hidden layer's output [B, h]
     * @param dropMask  the dropout mask, or null
     * @param dropped   what the output layer saw: activated ⊙ mask, or activated itself
     * @param logits    [B, K]
     */
    record Forward(Tensor x, Tensor activated, Tensor dropMask, Tensor dropped, Tensor logits) implements AutoCloseable {
        @Override
        public void close() {
            x.close();
            activated.close();
            if (dropMask != null) {
                dropMask.close();
                dropped.close();
            }
            logits.close();
        }
    }

    /**
     * Computes the logits of a batch.
     *
     * @param windows  the context word ids by position (n−1 arrays of B ids)
     * @param dropout  drop probability (0 at evaluation)
     */
    Forward forward(int[][] windows, double dropout, long dropoutSeed) {
        int batch = windows[0].length;
        Tensor x = backend.zeros(batch, context * embedding.width());            // [B, (n-1)m]
        embedding.forward(windows, x);
        Tensor h = backend.zeros(batch, hiddenLayer.out());                         // [B, h]
        hiddenLayer.forward(x, h, false);
        backend.activate(activation, h, h);
        Tensor mask = null;
        Tensor dropped = h;
        if (dropout > 0) {
            mask = Dropout.mask(backend, batch, hiddenLayer.out(), 1 - dropout, dropoutSeed);
            dropped = backend.zeros(batch, hiddenLayer.out());
            Dropout.forward(backend, h, mask, dropped);
        }
        Tensor logits = backend.zeros(batch, classes);                              // [B, K]
        outputLayer.forward(dropped, logits, false);
        if (directLayer != null) {
            directLayer.forward(x, logits, true);
        }
        return new Forward(x, h, mask, dropped, logits);
    }

    /**
     * Runs forward and backward on a batch, accumulating gradients of the mean cross-entropy.
     *
     * @return the mean loss in nats per example
     */
    double trainStep(int[][] windows, int[] targets, double dropout, long dropoutSeed) {
        try (Forward f = forward(windows, dropout, dropoutSeed)) {
            int batch = targets.length;
            double loss = backend.crossEntropy(f.logits(), targets, f.logits(), null);   // logits := dL/dlogits
            backend.scale(f.logits(), 1.0 / batch);
            Tensor dh = backend.zeros(batch, hiddenLayer.out());
            outputLayer.backward(f.dropped(), f.logits(), dh, false);
            Tensor dx = backend.zeros(batch, f.x().cols());
            if (directLayer != null) {
                directLayer.backward(f.x(), f.logits(), dx, false);
            }
            if (f.dropMask() != null) {
                Dropout.backward(backend, f.dropMask(), dh, dh);
            }
            backend.activateBackward(activation, f.activated(), dh, dh);
            hiddenLayer.backward(f.x(), dh, dx, directLayer != null);
            embedding.backward(windows, dx);
            dh.close();
            dx.close();
            return loss / batch;
        }
    }

    /**
     * ln P(target) of every example of a batch, without dropout, computed by the backend in its own
     * precision: fast, for validation during training.
     */
    double[] lnProbs(int[][] windows, int[] targets) {
        try (Forward f = forward(windows, 0, 0)) {
            double[] out = new double[targets.length];
            backend.crossEntropy(f.logits(), targets, null, out);
            return out;
        }
    }

    /** The backend that holds the parameters and runs the passes. */
    ComputeBackend backend() {
        return backend;
    }

    /**
     * ln P(target) of every example, with the log-softmax taken in float64 from the backend's
     * logits, so that the distribution the model states sums to 1 to double precision whatever the
     * backend's precision: the path of the LanguageModel API.
     */
    double[] lnProbsExact(int[][] windows, int[] targets) {
        try (Forward f = forward(windows, 0, 0)) {
            return ExactSoftmax.rowLnProbs(f.logits(), targets);
        }
    }

    /** The full log-softmax over the classes for one window, in float64. */
    double[] logSoftmax(int[][] windows) {
        try (Forward f = forward(windows, 0, 0)) {
            return ExactSoftmax.logSoftmax(f.logits().toDoubleArray(), 0, classes);
        }
    }
}
