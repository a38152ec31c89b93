package io.lmkit.neural.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al. 2014): during training each unit is kept with probability
 * {@code keep} and scaled by 1/keep, so nothing changes at evaluation time.
 */
public final class Dropout {

    private Dropout() {
    }

    /**
     * A mask of 0 and 1/keep values for a tensor of this shape, drawn from {@code seed} (so a step
     * is reproducible).
     */
    public static Tensor mask(ComputeBackend backend, int rows, int cols, double keep, long seed) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] m = new double[rows * cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() < keep ? 1 / keep : 0;
        }
        return backend.of(rows, cols, m);
    }

    /**
     * A mask like {@link #mask}, drawn by the backend in blocks ({@link ComputeBackend#dropoutMask}):
     * in parallel and without a float64 copy on the fast backends, but other values than
     * {@link #mask} draws from the same seed.
     */
    public static Tensor blockMask(ComputeBackend backend, int rows, int cols, double keep, long seed) {
        Tensor mask = backend.zeros(rows, cols);
        backend.dropoutMask(mask, keep, seed);
        return mask;
    }

    /** y = x ⊙ mask (y may be x). */
    public static void forward(ComputeBackend backend, Tensor x, Tensor mask, Tensor y) {
        backend.multiply(x, mask, y);
    }

    /** dx = dy ⊙ mask (dx may be dy). */
    public static void backward(ComputeBackend backend, Tensor mask, Tensor dy, Tensor dx) {
        backend.multiply(dy, mask, dx);
    }
}
