package io.lmkit.neural.train;

import io.lmkit.core.train.IterativeConfig;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;

/**
 * The training settings every neural model's config has, read by {@link TrainingOptions#of} to
 * set up the shared {@link TrainingLoop}. A config record implements it with components of these
 * names; a setting a model does not expose (such as momentum) keeps its default method here.
 */
public interface NeuralTrainingConfig extends IterativeConfig {

    /** The most epochs. */
    int epochs();

    /** The optimiser. */
    OptimizerConfig.Kind optimizer();

    /** The initial learning rate. */
    double learningRate();

    /** The shape of the learning-rate schedule. */
    LearningRateSchedule.Kind schedule();

    /** Clip the global gradient norm to this (0: no clipping). */
    double clipNorm();

    /** Epochs without a better validation perplexity before stopping. */
    int patience();

    /** Also validate every this many updates (0: at epoch ends only). */
    long validateEvery();

    /** Minutes between timed checkpoints. */
    double checkpointMinutes();

    /** Updates over which the learning rate rises linearly from 0 (0: no warm-up); 0 unless the model exposes it. */
    default long warmupSteps() {
        return 0;
    }

    /** SGD momentum (used by {@code sgd} only); 0 unless the model exposes it. */
    default double momentum() {
        return 0;
    }

    /**
     * Weight decay: AdamW's decoupled decay with {@code adamw}, else an L2 penalty added to the
     * gradient; 0 unless the model exposes it.
     */
    default double weightDecay() {
        return 0;
    }
}
