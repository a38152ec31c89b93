package io.lmkit.neural.train;

import java.util.List;

/**
 * What training did.
 *
 * @param epochs          epochs completed
 * @param steps           updates made
 * @param tokens          training tokens processed
 * @param bestValid       the best validation perplexity, whose parameters the model now holds
 * @param curve           validation perplexity against wall time and tokens seen
 * @param rollbacks       how often the NaN guard rolled back
 * @param stoppedBecause  why training ended
 */
public record TrainingResult(int epochs, long steps, long tokens, double bestValid, List<CurvePoint> curve,
                             int rollbacks, String stoppedBecause) {

    /** One validation: when, after how much data, and how good. */
    public record CurvePoint(double seconds, long tokens, double validPerplexity) {
    }

    /** Copies the curve. */
    public TrainingResult {
        curve = List.copyOf(curve);
    }
}
