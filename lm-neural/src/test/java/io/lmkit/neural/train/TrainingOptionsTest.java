package io.lmkit.neural.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How every neural model's settings become the training loop's options ({@link TrainingOptions#of}). */
class TrainingOptionsTest {

    /** The settings a neural config shares, as a model exposing momentum and weight decay has them. */
    record Settings(int epochs, OptimizerConfig.Kind optimizer, double learningRate, LearningRateSchedule.Kind schedule,
                    double clipNorm, int patience, long validateEvery, double checkpointMinutes, double maxMinutes,
                    long maxTokens, String checkpoint, boolean resume, String backend, double momentum,
                    double weightDecay) implements NeuralTrainingConfig {
    }

    private static Settings with(OptimizerConfig.Kind optimizer, String checkpoint) {
        return new Settings(7, optimizer, 0.05, LearningRateSchedule.Kind.STEP, 2.5, 3, 100, 4.0, 1.5, 9000,
                checkpoint, !checkpoint.isEmpty(), "simd", 0.9, 0.01);
    }

    @Test
    void theSharedSettingsPassThroughAndTheScheduleHalvesAfterEachEpoch() {
        TrainingOptions o = TrainingOptions.of(with(OptimizerConfig.Kind.ADAM, "run.ckpt"), 42);
        assertEquals(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.05, 0.5, 1, 0.003, 0), o.schedule());
        assertEquals(7, o.epochs());
        assertEquals(2.5, o.clipNorm());
        assertEquals(0, o.clipValue());
        assertEquals(3, o.patience());
        assertEquals(1.5, o.maxMinutes());
        assertEquals(9000, o.maxTokens());
        assertEquals(100, o.validateEvery());
        assertEquals(Optional.of(Path.of("run.ckpt")), o.checkpoint());
        assertEquals(4.0, o.checkpointMinutes());
        assertEquals(true, o.resume());
        assertEquals(42, o.seed());
    }

    @Test
    void anEmptyCheckpointMeansNone() {
        assertEquals(Optional.empty(), TrainingOptions.of(with(OptimizerConfig.Kind.ADAM, ""), 1).checkpoint());
    }

    @Test
    void momentumAppliesToSgdOnly() {
        assertEquals(0.9, TrainingOptions.of(with(OptimizerConfig.Kind.SGD, ""), 1).optimizer().momentum());
        assertEquals(0.0, TrainingOptions.of(with(OptimizerConfig.Kind.ADAM, ""), 1).optimizer().momentum());
    }

    @Test
    void weightDecayIsDecoupledForAdamWAndAnL2PenaltyOtherwise() {
        TrainingOptions adamW = TrainingOptions.of(with(OptimizerConfig.Kind.ADAMW, ""), 1);
        assertEquals(new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 0, false, 0.9, 0.999, 1e-8, 0.01),
                adamW.optimizer());
        assertEquals(0.0, adamW.weightDecay());
        TrainingOptions adam = TrainingOptions.of(with(OptimizerConfig.Kind.ADAM, ""), 1);
        assertEquals(OptimizerConfig.of(OptimizerConfig.Kind.ADAM), adam.optimizer());
        assertEquals(0.01, adam.weightDecay());
    }
}
