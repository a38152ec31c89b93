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
 * @param maxTokens          the work budget in training tokens (0: none); training stops after the
 *                           update at which the tokens seen reach it, so the same settings stop at
 *                           the same update on any machine
 * @param validateEvery      validate every this many updates as well as at epoch ends (0: epochs
 *                           only, or with a token budget every {@link #validateEveryTokens()} tokens)
 * @param checkpoint         where to write checkpoints, if anywhere
 * @param checkpointMinutes  how often to write one (and at every epoch end)
 * @param resume             continue from the checkpoint, which must exist
 * @param seed               the seed of batch order and dropout
 */
public record TrainingOptions(int epochs, OptimizerConfig optimizer, LearningRateSchedule schedule, double clipNorm,
                              double clipValue, double weightDecay, int patience, double maxMinutes, long maxTokens,
                              long validateEvery, Optional<Path> checkpoint, double checkpointMinutes, boolean resume,
                              long seed) {

    /** Validations a token budget is split into when no {@code validateEvery} is set: the learning curve's points. */
    public static final int CURVE_POINTS = 8;
    /** Adam's first-moment decay (Kingma and Ba 2015's default). */
    public static final double ADAM_BETA1 = 0.9;
    /** Adam's second-moment decay (Kingma and Ba 2015's default). */
    public static final double ADAM_BETA2 = 0.999;
    /** The denominator guard of Adagrad, RMSProp and Adam. */
    public static final double EPSILON = 1e-8;
    /** The factor the step and plateau schedules multiply the rate by (0.5 halves, as Mikolov's rnnlm). */
    public static final double DECAY_FACTOR = 0.5;
    /** Epochs between the step schedule's decays. */
    public static final int STEP_EPOCHS = 1;
    /** The relative validation improvement below which the plateau schedule starts halving (rnnlm's 0.003). */
    public static final double PLATEAU_MIN_IMPROVEMENT = 0.003;

    /** Validates the values. */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        SettingChecks.nonNegative("clipNorm", clipNorm, "no clipping");
        SettingChecks.nonNegative("clipValue", clipValue, "no clipping");
        SettingChecks.nonNegative("weightDecay", weightDecay, "none");
        SettingChecks.nonNegative("maxMinutes", maxMinutes, "no budget");
        SettingChecks.nonNegative("maxTokens", maxTokens, "no budget");
        SettingChecks.nonNegative("validateEvery", validateEvery, "at epoch ends only");
        SettingChecks.nonNegative("checkpointMinutes", checkpointMinutes, "at epoch ends only");
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        if (resume && checkpoint.isEmpty()) {
            throw new IllegalArgumentException("resume needs a checkpoint path");
        }
    }

    /** Options without a token budget. */
    public TrainingOptions(int epochs, OptimizerConfig optimizer, LearningRateSchedule schedule, double clipNorm,
                           double clipValue, double weightDecay, int patience, double maxMinutes, long validateEvery,
                           Optional<Path> checkpoint, double checkpointMinutes, boolean resume, long seed) {
        this(epochs, optimizer, schedule, clipNorm, clipValue, weightDecay, patience, maxMinutes, 0, validateEvery,
                checkpoint, checkpointMinutes, resume, seed);
    }

    /**
     * The options of a neural model's config: the one place its settings become the loop's.
     * {@code momentum} applies to SGD only; {@code weightDecay} is AdamW's decoupled decay with
     * {@code adamw} and an L2 penalty on the gradient otherwise. The schedule halves the rate (step:
     * every epoch; plateau: once validation improves by less than {@link #PLATEAU_MIN_IMPROVEMENT}).
     */
    public static TrainingOptions of(NeuralTrainingConfig c, long seed) {
        OptimizerConfig.Kind kind = c.optimizer();
        boolean adamW = kind == OptimizerConfig.Kind.ADAMW;
        OptimizerConfig optimizer = new OptimizerConfig(kind, kind == OptimizerConfig.Kind.SGD ? c.momentum() : 0,
                false, ADAM_BETA1, ADAM_BETA2, EPSILON, adamW ? c.weightDecay() : 0);
        LearningRateSchedule schedule = new LearningRateSchedule(c.schedule(), c.learningRate(), DECAY_FACTOR,
                STEP_EPOCHS, PLATEAU_MIN_IMPROVEMENT, c.warmupSteps());
        return new TrainingOptions(c.epochs(), optimizer, schedule, c.clipNorm(), 0, adamW ? 0 : c.weightDecay(),
                c.patience(), c.maxMinutes(), c.maxTokens(), c.validateEvery(),
                c.checkpoint().isBlank() ? Optional.empty() : Optional.of(Path.of(c.checkpoint())),
                c.checkpointMinutes(), c.resume(), seed);
    }

    /**
     * Training tokens between validations that are not at an epoch end: with a token budget and no
     * {@code validateEvery}, the budget over {@link #CURVE_POINTS} (rounded up), so that even a
     * budget shorter than an epoch gives a learning curve of that many points; else 0 (none).
     */
    public long validateEveryTokens() {
        return maxTokens > 0 && validateEvery == 0 ? (maxTokens + CURVE_POINTS - 1) / CURVE_POINTS : 0;
    }
}
