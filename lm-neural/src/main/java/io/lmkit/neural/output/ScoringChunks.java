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
 * log-softmax ({@link io.lmkit.neural.backend.Tensor#float32Values}): 4 bytes a logit, 2^22 logits
 * a chunk, about 300 predictions over 14,000 classes. Its output matrix product then reuses each
 * packed block of weights twice as often as with 150 rows (measured 67–74 against 77–81 GFLOP/s
 * on one core). Any other backend's logits are copied to float64 first: 16 bytes a logit (a
 * float64 value and its copy), 2^20 logits a chunk.
 */
public final class ScoringChunks {

    /** The most bytes one scoring batch's logits take: 16 MiB. */
    public static final long BYTES_PER_CHUNK = 16L << 20;

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
