package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.param.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exploding training: a configuration that diverges (a huge learning rate, no clipping) is caught
 * as a non-finite or exploding loss, rolled back with a halved learning rate, and either recovers
 * or stops with a message suggesting clipping or a lower rate; a non-finite parameter never reaches
 * a model file.
 */
class DivergenceTest {

    static final Corpus TRAIN = TinyText.corpus(120, 1);
    static final Corpus VALID = TinyText.corpus(TRAIN.vocabulary(), 20, 2);

    static FixedWindowConfig diverging(OptimizerConfig.Kind optimizer, double learningRate) {
        return FixedWindowConfig.builder().order(3).embedding(8).hidden(16).activation(Activation.RELU).direct(true)
                .epochs(2).batchSize(8).optimizer(optimizer).learningRate(learningRate)
                .schedule(LearningRateSchedule.Kind.CONSTANT).clipNorm(0.0).backend("reference").threads(1).build();
    }

    @Test
    void aHugeLearningRateWithoutClippingIsRolledBackAndEndsFiniteOrStopsWithAdvice() throws Exception {
        List<TrainingEvent.RolledBack> rollbacks = new ArrayList<>();
        LanguageModel model;
        try {
            model = new FixedWindowProvider().trainer().train(new TrainingData(TRAIN, Optional.of(VALID)),
                    diverging(OptimizerConfig.Kind.SGD, 1e6), 3, e -> {
                        if (e instanceof TrainingEvent.RolledBack r) {
                            rollbacks.add(r);
                        }
                    });
        } catch (LmkitException e) {
            assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains("clipNorm")
                    && e.getMessage().contains("lower learning rate"), e.getMessage());
            assertTrue(rollbacks.size() >= 4, "it tried rolling back first: " + rollbacks);
            return;
        }
        assertTrue(!rollbacks.isEmpty(), "a learning rate of 10^6 explodes at least once");
        assertTrue(rollbacks.get(0).reason().matches(".*(NaN|Infinity|exploded).*"), rollbacks.get(0).reason());
        assertEquals(5e5, rollbacks.get(0).newLearningRate(), 0, "the rate is halved");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.writeData(name -> out);
        assertTrue(out.size() > 0, "the recovered model is finite and can be saved");
    }

    @Test
    void aLearningRateThatAlwaysExplodesStopsWithAMessageAboutClipping() {
        LmkitException e = assertThrows(LmkitException.class, () -> new FixedWindowProvider().trainer().train(
                new TrainingData(TRAIN, Optional.of(VALID)), diverging(OptimizerConfig.Kind.SGD, 1e300), 3, ev -> { }));
        assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains("--set clipNorm=5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("No model was written"), e.getMessage());
    }

    @Test
    void nonFiniteParametersNeverReachAModelFile() {
        ParameterStore store = new ParameterStore(new ReferenceBackend());
        store.zeros("bias", 1, 3).value().set(new double[] {0.5, Double.NaN, 1});
        LmkitException e = assertThrows(LmkitException.class,
                () -> ParameterFiles.write(store, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("parameter 'bias' holds NaN at index 1")
                && e.getMessage().contains("clipNorm"), e.getMessage());
        store.get("bias").value().set(new double[] {0.5, Double.NEGATIVE_INFINITY, 1});
        assertThrows(LmkitException.class, () -> ParameterFiles.write(store, new ByteArrayOutputStream()));
    }
}
