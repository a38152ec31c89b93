package io.lmkit.neural.output;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;

/**
 * How many predictions a neural model scores in one forward pass when it scores a sentence: a
 * batch of R predictions holds an [R × classes] logits matrix, so a 38,000-word line in one batch
 * needed gigabytes, and a 385,000-word one more elements than a Java array holds. Chunks whose
 * logits take at most {@link #BYTES_PER_CHUNK} keep that bounded whatever the sentence's length.
 *
 * <p>A backend that keeps float32 logits in a Java array has them read in place by the float64
 * log-softmax ({@link io.lmkit.neural.backend.Tensor#float32Values}): 4 bytes a logit, 2^23 logits
 * a chunk, about 600 predictions over 14,000 classes, where the float64 copy it no longer makes
 * held 150. The output matrix product gains by it: on one core of the 2-core machine, busy, with
 * 256 hidden units and 14,000 classes, 300 rows ran at 67–77 GFLOP/s per CPU second and 640 rows
 * at 76–79 (as training's batches of 700 tokens do). Any other backend's logits are copied to
 * float64 first: 16 bytes a logit (a float64 value and its copy), 2^21 logits a chunk, as before.
 */
public final class ScoringChunks {

    /** The most bytes one scoring batch's logits take: 32 MiB. */
    public static final long BYTES_PER_CHUNK = 32L << 20;

    private ScoringChunks() {
    }

    /** Predictions per scoring batch for {@code classes} output classes on {@code backend}: at least 1. */
    public static int rows(int classes, ComputeBackend backend) {
        long bytesPerLogit;
        try (Tensor probe = backend.zeros(1, 1)) {
            bytesPerLogit = probe.float32Values().isPresent() ? Float.BYTES : 2L * Double.BYTES;
        }
        return (int) Math.max(1, BYTES_PER_CHUNK / bytesPerLogit / Math.max(1, classes));
    }
}
