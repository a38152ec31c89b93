package io.lmkit.rnn.cell;

import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;

/** Cutting a [B, k·H] gate matrix into its H-wide blocks and joining blocks back, in a workspace's tensors. */
final class Slices {

    private Slices() {
    }

    /** A new [B, H] tensor holding block {@code k} of {@code m}. */
    static Tensor block(Workspace workspace, Tensor m, int k, int h) {
        Tensor out = workspace.zeros(m.rows(), h);
        workspace.backend().addColumns(m, k * h, out);
        return out;
    }

    /** A new [B, blocks·H] tensor of the blocks side by side. */
    static Tensor join(Workspace workspace, Tensor... blocks) {
        int h = blocks[0].cols();
        Tensor out = workspace.zeros(blocks[0].rows(), h * blocks.length);
        for (int k = 0; k < blocks.length; k++) {
            workspace.backend().copyColumns(blocks[k], out, k * h);
        }
        return out;
    }

    /** a ⊙ b as a new tensor. */
    static Tensor times(Workspace workspace, Tensor a, Tensor b) {
        Tensor out = workspace.zeros(a.rows(), a.cols());
        workspace.backend().multiply(a, b, out);
        return out;
    }
}
