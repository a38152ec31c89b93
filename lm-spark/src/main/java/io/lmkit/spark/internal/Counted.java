package io.lmkit.spark.internal;

import java.io.Serializable;

/**
 * What counting knows of one n-gram.
 *
 * @param occurrences   c(g): how many positions it ends
 * @param firstPosition where it first ends in the corpus ({@link NgramCounting#position}): lm-ngram numbers the
 *                      n-grams of an order in this order, and sums over a context's followers run in it
 * @param continuations N1+(• g): how many distinct words precede it one order up
 */
public record Counted(long occurrences, long firstPosition, long continuations) implements Serializable {

    /** Two counts of the same n-gram together. */
    public Counted plus(Counted o) {
        return new Counted(occurrences + o.occurrences, Math.min(firstPosition, o.firstPosition),
                continuations + o.continuations);
    }
}
