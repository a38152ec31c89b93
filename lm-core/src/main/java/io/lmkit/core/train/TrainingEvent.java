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
