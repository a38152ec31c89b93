package io.lmkit.spark.internal;

import java.io.Serializable;

/**
 * An n-gram of order ≥ 2 as the model stores it, or one half of it: an estimator may give an n-gram's
 * probability and its backoff (computed where its followers are) as two records, which {@link ModelOutput}
 * merges ({@link #merge}).
 *
 * @param log10Prob    its log10 probability (or stupid-backoff score), float32 as the tables keep it; NaN in a
 *                     record that carries only the backoff
 * @param log10Backoff its log10 backoff weight (0 at the highest order and for a context never extended)
 */
public record Stored(float log10Prob, double log10Backoff) implements Serializable {

    /** The record of an n-gram's backoff alone, to be merged with the one of its probability. */
    public static Stored backoffOnly(double log10Backoff) {
        return new Stored(Float.NaN, log10Backoff);
    }

    /** Whether this record carries only a backoff. */
    public boolean isBackoffOnly() {
        return Float.isNaN(log10Prob);
    }

    /** The two records of one n-gram, its probability's and its backoff's, as one. */
    public static Stored merge(Stored a, Stored b) {
        if (a.isBackoffOnly() == b.isBackoffOnly()) {
            throw new IllegalStateException("two records of one n-gram that both carry "
                    + (a.isBackoffOnly() ? "only a backoff" : "a probability") + ": " + a + ", " + b);
        }
        return a.isBackoffOnly() ? new Stored(b.log10Prob, a.log10Backoff) : new Stored(a.log10Prob, b.log10Backoff);
    }
}
