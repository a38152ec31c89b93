package io.lmkit.spark.internal;

import java.io.Serializable;

/**
 * An n-gram as the model stores it, or one of its two halves: an estimator gives an n-gram's probability in one
 * record and what it is as a context (its backoff and its number of followers, known where its followers are)
 * in another, a {@link #context} record, and {@link ModelOutput} merges the two ({@link #merge}).
 *
 * @param log10Prob    its log10 probability (or stupid-backoff score), float32 as the tables keep it; NaN in a
 *                     context record
 * @param log10Backoff its log10 backoff weight (0 at the highest order and for a context never extended); in a
 *                     merged record, the context record's
 * @param followers    how many n-grams one order up extend it (0 in a probability record)
 */
public record Stored(float log10Prob, double log10Backoff, int followers) implements Serializable {

    /** A probability record: the n-gram's value, and the backoff it has if it is no context. */
    public Stored(float log10Prob, double log10Backoff) {
        this(log10Prob, log10Backoff, 0);
    }

    /** The record of an n-gram as a context: its backoff and its number of followers. */
    public static Stored context(double log10Backoff, int followers) {
        return new Stored(Float.NaN, log10Backoff, followers);
    }

    /** Whether this is a context record. */
    public boolean isContext() {
        return Float.isNaN(log10Prob);
    }

    /** An n-gram's probability record and its context record, in either order, as one. */
    public static Stored merge(Stored a, Stored b) {
        if (a.isContext() == b.isContext()) {
            throw new IllegalStateException("two " + (a.isContext() ? "context" : "probability")
                    + " records of one n-gram: " + a + ", " + b);
        }
        Stored context = a.isContext() ? a : b;
        Stored prob = a.isContext() ? b : a;
        return new Stored(prob.log10Prob, context.log10Backoff, context.followers);
    }
}
