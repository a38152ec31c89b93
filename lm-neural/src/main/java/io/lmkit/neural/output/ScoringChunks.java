package io.lmkit.neural.output;

/**
 * How many predictions a neural model scores in one forward pass when it scores a sentence: a
 * batch of R predictions holds an [R × classes] logits matrix (and its float64 copy), so a
 * 38,000-word line in one batch needed gigabytes, and a 385,000-word one more elements than a Java
 * array holds. Chunks of at most {@link #LOGITS_PER_CHUNK} logits keep that to about 16 MiB per
 * copy whatever the sentence's length, while an ordinary sentence (up to 100 words with a
 * vocabulary of 20,000) is still one batch.
 */
public final class ScoringChunks {

    /** The most logits one scoring batch holds: 2^21, 16 MiB as float64. */
    public static final long LOGITS_PER_CHUNK = 1L << 21;

    private ScoringChunks() {
    }

    /** Predictions per scoring batch for {@code classes} output classes: at least 1. */
    public static int rows(int classes) {
        return (int) Math.max(1, LOGITS_PER_CHUNK / Math.max(1, classes));
    }
}
