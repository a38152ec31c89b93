package io.lmkit.spark.internal;

import java.io.Serializable;

/**
 * An n-gram of order ≥ 2 as the model stores it.
 *
 * @param log10Prob    its log10 probability (or stupid-backoff score), float32 as the tables keep it
 * @param log10Backoff its log10 backoff weight (0 at the highest order and for a context never extended)
 */
public record Stored(float log10Prob, double log10Backoff) implements Serializable {
}
