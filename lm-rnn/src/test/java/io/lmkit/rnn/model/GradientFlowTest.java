package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.inspect.GradientFlow;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.output.OutputClasses;
import org.junit.jupiter.api.Test;

/**
 * Vanishing gradients, measured through {@link io.lmkit.neural.inspect.GradientFlowSource}: at initial weights an
 * Elman RNN's gradient decays far faster than an LSTM's.
 */
class GradientFlowTest {

    private static RecurrentModel fresh(CellKind kind) {
        Corpus c = RecurrentModelTest.TRAIN;
        RnnConfig config = RnnConfig.builder().embedding(8).hidden(16).batchSize(4).bptt(10).epochs(1)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01).schedule(LearningRateSchedule.Kind.CONSTANT)
                .patience(1).backend("reference").threads(1).sentenceReset(false).build();
        return new RecurrentModel(c.vocabulary(), new RecurrentNetwork(new ReferenceBackend(), kind,
                c.vocabulary().size(), OutputClasses.count(c.vocabulary()), config, 1));
    }

    @Test
    void theElmanGradientVanishesFasterThanTheLstmGradient() {
        GradientFlow rnn = GradientFlow.measure(fresh(CellKind.RNN), RecurrentModelTest.TRAIN, 30, 4);
        GradientFlow lstm = GradientFlow.measure(fresh(CellKind.LSTM), RecurrentModelTest.TRAIN, 30, 4);
        assertEquals(31, rnn.normByDistance().length);
        assertTrue(rnn.normByDistance()[0] > 0);
        assertTrue(rnn.normByDistance()[30] < 1e-6 * rnn.normByDistance()[0], "the RNN's gradient vanishes");
        assertTrue(lstm.meanStepFactor(30) > 1.5 * rnn.meanStepFactor(30),
                "LSTM per-step factor " + lstm.meanStepFactor(30) + " against the RNN's " + rnn.meanStepFactor(30));
        double[] f = rnn.stepFactor();
        assertEquals(rnn.normByDistance()[5] / rnn.normByDistance()[4], f[5], 1e-12);
    }

    @Test
    void onlyRecurrentModelsAndLongEnoughTextsCanBeMeasured() {
        Corpus c = RecurrentModelTest.TRAIN;
        assertThrows(LmkitException.class, () -> GradientFlow.measure(new UniformModel(c.vocabulary()), "uniform", c,
                10, 2));
        assertTrue(assertThrows(LmkitException.class, () -> GradientFlow.measure(fresh(CellKind.GRU), c.slice(0, 2),
                50, 4)).getMessage().contains("too short"));
    }
}
