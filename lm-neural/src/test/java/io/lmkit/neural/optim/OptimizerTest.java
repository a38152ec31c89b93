package io.lmkit.neural.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.core.LmkitException;
import io.lmkit.core.train.Optimizer;
import io.lmkit.core.train.OptimizerState;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import org.junit.jupiter.api.Test;

/** Optimiser updates against values computed by hand, and their state for checkpoints. */
class OptimizerTest {

    private static ParameterStore store(double value) {
        ParameterStore s = new ParameterStore(new ReferenceBackend());
        s.zeros("w", 1, 1).value().set(new double[] {value});
        return s;
    }

    private static void gradient(ParameterStore s, double g) {
        s.get("w").gradient().set(new double[] {g});
    }

    private static double value(ParameterStore s) {
        return s.get("w").value().get(0, 0);
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        ParameterStore s = store(1.0);
        Optimizer<Parameter> opt = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.9, false, 0.9, 0.999, 1e-8, 0)
                .create();
        opt.init(s.all());
        gradient(s, 0.5);
        opt.step(s.all(), 0.1);           // v = 0.5, w = 1 - 0.05 = 0.95
        assertEquals(0.95, value(s), 1e-15);
        opt.step(s.all(), 0.1);           // v = 0.9·0.5 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
        assertEquals(0.855, value(s), 1e-15);
    }

    @Test
    void nesterovLooksAhead() {
        ParameterStore s = store(1.0);
        Optimizer<Parameter> opt = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.9, true, 0.9, 0.999, 1e-8, 0)
                .create();
        opt.init(s.all());
        gradient(s, 0.5);
        opt.step(s.all(), 0.1);           // v = 0.5, w = 1 - 0.1·(0.5 + 0.45) = 0.905
        assertEquals(0.905, value(s), 1e-15);
    }

    @Test
    void adamsFirstStepMovesByTheLearningRate() {
        ParameterStore s = store(1.0);
        Optimizer<Parameter> opt = OptimizerConfig.of(OptimizerConfig.Kind.ADAM).create();
        opt.init(s.all());
        gradient(s, 0.5);
        // m = 0.05, v = 0.00025; corrected 0.5 and 0.25; step = lr · 0.5 / (0.5 + 1e-8).
        opt.step(s.all(), 0.01);
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), value(s), 1e-15);
    }

    @Test
    void adamwDecaysTheWeightsApartFromTheGradient() {
        ParameterStore s = store(2.0);
        Optimizer<Parameter> opt = new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 0, false, 0.9, 0.999, 1e-8, 0.1)
                .create();
        opt.init(s.all());
        gradient(s, 0.0);
        opt.step(s.all(), 0.01);          // no gradient: only the decay, w -= 0.01·0.1·2
        assertEquals(2 - 0.002, value(s), 1e-15);
    }

    @Test
    void adagradAndRmspropScaleByTheGradientHistory() {
        ParameterStore s = store(1.0);
        Optimizer<Parameter> ada = OptimizerConfig.of(OptimizerConfig.Kind.ADAGRAD).create();
        ada.init(s.all());
        gradient(s, 2.0);
        ada.step(s.all(), 0.1);           // a = 4, w = 1 - 0.1·2/2 = 0.9
        assertEquals(0.9, value(s), 1e-9);
        ParameterStore r = store(1.0);
        Optimizer<Parameter> rms = new OptimizerConfig(OptimizerConfig.Kind.RMSPROP, 0, false, 0.9, 0.9, 1e-8, 0)
                .create();
        rms.init(r.all());
        gradient(r, 2.0);
        rms.step(r.all(), 0.1);           // s = 0.1·4 = 0.4, w = 1 - 0.1·2/√0.4
        assertEquals(1 - 0.1 * 2 / (Math.sqrt(0.4) + 1e-8), value(r), 1e-12);
    }

    @Test
    void stateRestoresIntoAFreshCopyAndContinuesIdentically() {
        ParameterStore a = store(1.0);
        Optimizer<Parameter> opt = OptimizerConfig.of(OptimizerConfig.Kind.ADAM).create();
        opt.init(a.all());
        gradient(a, 0.3);
        opt.step(a.all(), 0.01);
        OptimizerState state = opt.state();
        ParameterStore b = store(value(a));
        Optimizer<Parameter> copy = opt.copy();
        copy.init(b.all());
        copy.restore(state);
        gradient(a, -0.7);
        gradient(b, -0.7);
        opt.step(a.all(), 0.01);
        copy.step(b.all(), 0.01);
        assertEquals(value(a), value(b), 0.0);
        assertEquals(2, copy.state().steps());
        assertArrayEquals(opt.state().buffer("0/w"), copy.state().buffer("0/w"), 0.0);
        Optimizer<Parameter> sgd = OptimizerConfig.of(OptimizerConfig.Kind.SGD).create();
        sgd.init(b.all());
        assertThrows(LmkitException.class, () -> sgd.restore(state));
    }

    @Test
    void configsRejectNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig(OptimizerConfig.Kind.SGD, 1.0, false, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig(OptimizerConfig.Kind.SGD, 0, true, 0.9, 0.999, 1e-8, 0));
    }
}
