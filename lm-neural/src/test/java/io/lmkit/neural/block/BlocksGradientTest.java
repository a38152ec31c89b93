package io.lmkit.neural.block;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.GradientCheck;
import io.lmkit.neural.param.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * Every building block's backward pass against central finite differences in float64: an
 * embedding window, a linear layer with each activation, dropout, a concatenation and the
 * log-softmax cross-entropy, composed into a small network.
 */
class BlocksGradientTest {

    private static final double TOLERANCE = 1e-5;

    private final ComputeBackend backend = new ReferenceBackend();
    private final int[][] windows = {{1, 4, 4, 0}, {2, 2, 6, 3}};
    private final int[] targets = {3, 0, 2, 1};

    /** Embedding → concat → linear → activation → dropout → linear → cross-entropy. */
    private double lossAndGradients(ParameterStore store, Embedding emb, Linear first, Linear second, Activation f,
                                    Tensor mask) {
        store.zeroGradients();
        int batch = targets.length;
        Tensor x = backend.zeros(batch, 2 * emb.width());
        emb.forward(windows, x);
        Tensor extra = backend.of(batch, 2, new double[] {0.3, -0.2, 0.1, 0.4, -0.5, 0.2, 0.7, -0.1});
        Tensor xc = backend.zeros(batch, x.cols() + 2);
        backend.copyColumns(x, xc, 0);
        backend.copyColumns(extra, xc, x.cols());
        Tensor h = backend.zeros(batch, first.out());
        first.forward(xc, h, false);
        backend.activate(f, h, h);
        Tensor hd = backend.zeros(batch, first.out());
        Dropout.forward(backend, h, mask, hd);
        Tensor logits = backend.zeros(batch, second.out());
        second.forward(hd, logits, false);
        double loss = backend.crossEntropy(logits, targets, logits, null) / batch;
        backend.scale(logits, 1.0 / batch);
        Tensor dhd = backend.zeros(batch, first.out());
        second.backward(hd, logits, dhd, false);
        Dropout.backward(backend, mask, dhd, dhd);
        backend.activateBackward(f, h, dhd, dhd);
        Tensor dxc = backend.zeros(batch, xc.cols());
        first.backward(xc, dhd, dxc, false);
        Tensor dx = backend.zeros(batch, x.cols());
        backend.addColumns(dxc, 0, dx);
        emb.backward(windows, dx);
        return loss;
    }

    @Test
    void everyBlocksBackwardPassMatchesFiniteDifferences() {
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID}) {
            ParameterStore store = new ParameterStore(backend);
            Embedding emb = new Embedding(store, "embedding", 7, 3, 0.5, 1);
            Linear first = new Linear(store, "first", 8, 5, true, 0.5, 2);
            Linear second = new Linear(store, "second", 5, 4, true, 0.5, 3);
            Tensor mask = Dropout.mask(backend, 4, 5, 0.7, 11);
            GradientCheck.Result r = GradientCheck.check(store,
                    () -> lossAndGradients(store, emb, first, second, f, mask), 1e-6, 1000, 5);
            assertTrue(r.maxRelativeError() < TOLERANCE, f + ": " + r);
            assertTrue(r.checked() > 80, "checked " + r.checked());
        }
    }
}
