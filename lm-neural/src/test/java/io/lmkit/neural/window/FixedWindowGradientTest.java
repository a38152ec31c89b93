package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.param.GradientCheck;
import org.junit.jupiter.api.Test;

/** The whole fixed-window network's gradients against finite differences, in float64. */
class FixedWindowGradientTest {

    static FixedWindowConfig config(int order, Activation activation, boolean direct, double dropout) {
        return FixedWindowConfig.builder().order(order).embedding(4).hidden(6).activation(activation).direct(direct)
                .dropout(dropout).epochs(1).batchSize(4).optimizer(OptimizerConfig.Kind.SGD).learningRate(0.1)
                .schedule(LearningRateSchedule.Kind.CONSTANT).clipNorm(0).patience(1).backend("reference").threads(1)
                .build();
    }

    @Test
    void gradientsOfTheWholeModelMatchFiniteDifferences() {
        int[][] windows = {{1, 1, 5}, {1, 5, 7}, {5, 7, 3}};
        int[] targets = {4, 2, 7};
        for (Activation a : new Activation[] {Activation.TANH, Activation.RELU}) {
            for (boolean direct : new boolean[] {false, true}) {
                for (double dropout : new double[] {0, 0.25}) {
                    FixedWindowNetwork net = new FixedWindowNetwork(new ReferenceBackend(), 9, 8,
                            config(4, a, direct, dropout), 17);
                    GradientCheck.Result r = GradientCheck.check(net.parameters(), () -> {
                        net.parameters().zeroGradients();
                        return net.trainStep(windows, targets, dropout, 99);
                    }, 1e-6, 60, 3);
                    assertTrue(r.maxRelativeError() < 1e-5, a + " direct=" + direct + " dropout=" + dropout + ": " + r);
                }
            }
        }
    }
}
