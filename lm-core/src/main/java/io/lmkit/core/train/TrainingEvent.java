package io.lmkit.core.train;

import java.time.Duration;

/** What a trainer reports while it works, for progress bars, logs and learning curves. */
public sealed interface TrainingEvent {

    /**
     * A phase of training began (counting, an epoch, estimation).
     *
     * @param phase     a short name, e.g. {@code "counting"} or {@code "epoch 3"}
     * @param totalWork how much work the phase has, in {@code unit}; 0 when unknown
     * @param unit      what the work is counted in, e.g. {@code "tokens"}
     */
    record PhaseStarted(String phase, long totalWork, String unit) implements TrainingEvent {
    }

    /**
     * Work was done within the current phase.
     *
     * @param done how much of the phase's work is done so far
     * @param loss the current training loss in nats per token, or NaN when the trainer has none
     */
    record Progress(String phase, long done, double loss) implements TrainingEvent {
    }

    /**
     * One update of a neural model.
     *
     * @param step            updates so far (1-based)
     * @param epoch           the current epoch (1-based)
     * @param tokensSeen      training tokens processed so far
     * @param tokensPerSecond training throughput over the recent updates
     * @param loss            this batch's loss in nats per token
     * @param gradientNorm    the global gradient norm before clipping
     * @param learningRate    the rate this update used
     * @param batchInEpoch    the position of this update's batch in its epoch (1-based; it also
     *                        counts batches that were rolled back), or 0 when not reported
     */
    record Step(long step, int epoch, long tokensSeen, double tokensPerSecond, double loss, double gradientNorm,
                double learningRate, long batchInEpoch) implements TrainingEvent {

        /** An update whose position in its epoch is not reported. */
        public Step(long step, int epoch, long tokensSeen, double tokensPerSecond, double loss, double gradientNorm,
                    double learningRate) {
            this(step, epoch, tokensSeen, tokensPerSecond, loss, gradientNorm, learningRate, 0);
        }
    }

    /**
     * Training recovered from a non-finite or exploding loss by rolling back to the last good
     * parameters and lowering the learning rate.
     *
     * @param step            the update at which the problem showed
     * @param reason          what was detected
     * @param newLearningRate the lowered rate training continues with
     */
    record RolledBack(long step, String reason, double newLearningRate) implements TrainingEvent {
    }

    /**
     * A validation pass finished.
     *
     * @param tokensSeen      training tokens processed so far
     * @param elapsed         wall time since training began
     * @param validPerplexity perplexity on the validation corpus
     */
    record Validated(long tokensSeen, Duration elapsed, double validPerplexity) implements TrainingEvent {
    }

    /** A phase finished after {@code elapsed}. */
    record PhaseFinished(String phase, Duration elapsed) implements TrainingEvent {
    }
}
