package io.lmkit.eval.compare;

import java.util.List;

/**
 * Validation perplexity of one model during its training, from the trainer's
 * {@link io.lmkit.core.train.TrainingEvent.Validated} events; empty for a model trained in one pass
 * (an n-gram model).
 *
 * @param label  the model's row
 * @param points one point per validation pass, in order
 */
public record LearningCurve(String label, List<Point> points) {

    /** Copies the points. */
    public LearningCurve {
        points = List.copyOf(points);
    }

    /**
     * One validation pass.
     *
     * @param tokensSeen      training tokens processed before it
     * @param seconds         wall time since training began
     * @param validPerplexity perplexity on the validation split
     */
    public record Point(long tokensSeen, double seconds, double validPerplexity) {
    }
}
