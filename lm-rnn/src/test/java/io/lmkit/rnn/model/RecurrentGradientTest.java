package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.param.GradientCheck;
import io.lmkit.rnn.cell.RecurrentCell.State;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time against finite differences in float64, for each cell, in a whole
 * unrolled 2-layer model with dropout, starting from a non-zero carried state: the truncation
 * boundary must stop the gradient exactly there.
 */
class RecurrentGradientTest {

    static RnnConfig config(int layers, Activation activation, double dropout) {
        return config(layers, false, activation, dropout);
    }

    static RnnConfig config(int layers, boolean tied, Activation activation, double dropout) {
        return RnnConfig.builder().embedding(tied ? 4 : 3).hidden(4).layers(layers).tied(tied).activation(activation)
                .dropout(dropout).initScale(0.5).batchSize(2).bptt(4).epochs(1).optimizer(OptimizerConfig.Kind.SGD)
                .learningRate(0.1).schedule(LearningRateSchedule.Kind.CONSTANT).clipNorm(0).patience(1)
                .backend("reference").threads(1).sentenceReset(false).build();
    }

    private static State[] carried(ComputeBackend backend, RecurrentNetwork net) {
        State[] s = net.zeroStates(2);
        for (int l = 0; l < s.length; l++) {
            double[] h = new double[8];
            for (int i = 0; i < h.length; i++) {
                h[i] = 0.1 * (i - 3) + 0.05 * l;
            }
            s[l] = new State(backend.of(2, 4, h), s[l].c() == null ? null : backend.of(2, 4, h));
        }
        return s;
    }

    @Test
    void everyCellBackpropagatesThroughTimeCorrectly() {
        int[] inputs = {1, 1, 3, 5, 4, 3, 6, 2};   // time-major, 4 steps of 2 streams
        int[] targets = {2, 4, 1, 3, 0, 5, 2, 1};
        for (CellKind kind : CellKind.values()) {
            for (Activation a : kind == CellKind.RNN ? new Activation[] {Activation.TANH, Activation.RELU}
                    : new Activation[] {Activation.TANH}) {
                for (double dropout : new double[] {0, 0.3}) {
                    check(kind, config(2, a, dropout), inputs, targets, dropout);
                }
            }
            // Tied input and output embeddings: the embedding gets gradients from both ends.
            check(kind, config(2, true, Activation.TANH, 0.2), inputs, targets, 0.2);
        }
    }

    private static void check(CellKind kind, RnnConfig config, int[] inputs, int[] targets, double dropout) {
        ComputeBackend backend = new ReferenceBackend();
        RecurrentNetwork net = new RecurrentNetwork(backend, kind, 7, 6, config, 3);
        State[] initial = carried(backend, net);
        GradientCheck.Result r = GradientCheck.check(net.parameters(), () -> {
            net.parameters().zeroGradients();
            RecurrentNetwork.Segment s = net.forward(inputs, 4, 2, initial, dropout, 77);
            return net.backward(s, targets);
        }, 1e-6, 40, 9);
        assertTrue(r.maxRelativeError() < 1e-5, kind + " " + config + ": " + r);
    }
}
