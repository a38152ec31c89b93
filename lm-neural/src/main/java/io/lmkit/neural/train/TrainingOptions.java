package io.lmkit.neural.train;

import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the shared training loop runs.
 *
 * @param epochs             the most epochs to train
 * @param optimizer          the optimiser
 * @param schedule           the learning-rate schedule
 * @param clipNorm           clip the global gradient norm to this (0: no clipping)
 * @param clipValue          clip each gradient value to ±this (0: no clipping)
 * @param weightDecay        L2 penalty added to the gradient (for optimisers other than AdamW)
 * @param patience           stop after this many epochs without a better validation perplexity
 * @param maxMinutes         the wall-clock budget (0: none); training stops after the step that
 *                           exceeds it and keeps the best parameters
 * @param validateEvery      validate every this many updates as well as at epoch ends (0: epochs only)
 * @param checkpoint         where to write checkpoints, if anywhere
 * @param checkpointMinutes  how often to write one (and at every epoch end)
 * @param resume             continue from the checkpoint, which must exist
 * @param seed               the seed of batch order and dropout
 */
public record TrainingOptions(int epochs, OptimizerConfig optimizer, LearningRateSchedule schedule, double clipNorm,
                              double clipValue, double weightDecay, int patience, double maxMinutes, long validateEvery,
                              Optional<Path> checkpoint, double checkpointMinutes, boolean resume, long seed) {

    /** Validates the values. */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        SettingChecks.nonNegative("clipNorm", clipNorm, "no clipping");
        SettingChecks.nonNegative("clipValue", clipValue, "no clipping");
        SettingChecks.nonNegative("weightDecay", weightDecay, "none");
        SettingChecks.nonNegative("maxMinutes", maxMinutes, "no budget");
        SettingChecks.nonNegative("validateEvery", validateEvery, "at epoch ends only");
        SettingChecks.nonNegative("checkpointMinutes", checkpointMinutes, "at epoch ends only");
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        if (resume && checkpoint.isEmpty()) {
            throw new IllegalArgumentException("resume needs a checkpoint path");
        }
    }
}
