package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link RecurrentProvider#training} is the training that {@link RecurrentProvider#trainer()} runs: driven by
 * the same loop by hand, on a backend of the caller's, it trains to the same bits; its steps can be run one by
 * one, and closing it leaves the network and the backend usable.
 */
class ProviderTrainingTest {

    private static final RnnConfig CONFIG = SimdReproducibilityTest.config(1, 16);

    private static ComputeBackend simd() {
        return Backends.discover(ProviderTrainingTest.class.getClassLoader()).choose(Optional.of("simd")).create(1);
    }

    @Test
    void theTrainingRunByHandTrainsToTheTrainersBits() {
        RecurrentModel byTrainer = (RecurrentModel) new LstmProvider().trainer().train(
                new TrainingData(TensorReuseTest.TRAIN, Optional.of(TensorReuseTest.VALID)), CONFIG, 5,
                TrainingListener.NONE);
        try (ComputeBackend backend = simd();
             RnnTraining byHand = new LstmProvider().training(backend, CONFIG, TensorReuseTest.TRAIN,
                     TensorReuseTest.VALID, 5)) {
            TrainingLoop.run(byHand, TrainingOptions.of(CONFIG, 5), TrainingListener.NONE);
            assertEquals(SimdReproducibilityTest.digest(byTrainer.network().parameters().snapshot()),
                    SimdReproducibilityTest.digest(byHand.parameters().snapshot()));
        }
    }

    @Test
    void oneStepAtATimeChangesTheGradientsAndTheCarriedState() {
        try (ComputeBackend backend = simd();
             RnnTraining training = new GruProvider().training(backend, CONFIG, TensorReuseTest.TRAIN,
                     TensorReuseTest.VALID, 5)) {
            assertTrue(training.carriedState().isEmpty(), "nothing carried before the first step");
            assertEquals(0, training.batches(1, new java.util.SplittableRandom(1)).get(0));
            double loss = training.trainStep(0, 0);
            assertTrue(loss > 0 && loss < Math.log(training.classes()) + 1, "loss near a uniform guess: " + loss);
            assertEquals(1, training.carriedState().size(), "one GRU layer's h: " + training.carriedState().keySet());
            assertNotEquals(0.0, training.parameters().gradientNorm(), "the step added gradients");
        }
    }
}
