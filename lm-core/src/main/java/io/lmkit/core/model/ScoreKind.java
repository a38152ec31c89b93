package io.lmkit.core.model;

/** Whether a model's numbers are probabilities (they sum to 1) or only scores. */
public enum ScoreKind {
    /** A normalised distribution over the next word: perplexity is defined. */
    PROBABILITY,
    /**
     * An unnormalised score such as stupid backoff's: fine for ranking and generation, but it is
     * not a probability, so perplexity and cross-entropy are undefined for it.
     */
    SCORE
}
