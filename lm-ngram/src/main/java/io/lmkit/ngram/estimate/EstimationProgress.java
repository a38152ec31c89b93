package io.lmkit.ngram.estimate;

import java.util.function.Consumer;

/**
 * What an estimation in sorted runs ({@link SortedEstimation}) tells of its progress: each pass as it starts,
 * with how much work it has, and how much is done. On a billion words a pass lasts the better part of an hour,
 * and its start alone does not say whether it is moving.
 */
public interface EstimationProgress {

    /** Tells nothing. */
    EstimationProgress NONE = of(pass -> { });

    /**
     * A pass starts.
     *
     * @param pass  its name ("counting in sorted runs", ...)
     * @param total how much work it has, in {@code unit}; 0 when unknown
     * @param unit  what the work is counted in ("tokens", "orders")
     */
    void passStarted(String pass, long total, String unit);

    /** How much of the current pass is done, in its unit. */
    void progressed(long done);

    /** Progress that tells only the passes' names (as the estimator did before it told more). */
    static EstimationProgress of(Consumer<String> passStarted) {
        return new EstimationProgress() {
            @Override
            public void passStarted(String pass, long total, String unit) {
                passStarted.accept(pass);
            }

            @Override
            public void progressed(long done) {
            }
        };
    }
}
