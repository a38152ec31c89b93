package io.lmkit.rnn.cell;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;

/** Cutting a [B, k·H] gate matrix into its H-wide blocks and joining blocks back. */
final class Slices {

    private Slices() {
    }

    /** A new [B, H] tensor holding block {@code k} of {@code m}. */
    static Tensor block(ComputeBackend backend, Tensor m, int k, int h) {
        Tensor out = backend.zeros(m.rows(), h);
        backend.addColumns(m, k * h, out);
        return out;
    }

    /** A new [B, blocks·H] tensor of the blocks side by side. */
    static Tensor join(ComputeBackend backend, Tensor... blocks) {
        int h = blocks[0].cols();
        Tensor out = backend.zeros(blocks[0].rows(), h * blocks.length);
        for (int k = 0; k < blocks.length; k++) {
            backend.copyColumns(blocks[k], out, k * h);
        }
        return out;
    }

    /** a ⊙ b as a new tensor. */
    static Tensor times(ComputeBackend backend, Tensor a, Tensor b) {
        Tensor out = backend.zeros(a.rows(), a.cols());
        backend.multiply(a, b, out);
        return out;
    }
}
