package io.lmkit.transformer.model;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/**
 * The state of a Transformer after some words: the window of input ids it attends over (positions
 * 0 … n−1 from the window's start), every layer's keys and values at those positions, and the final
 * layer norm's output at the last position, from which the next word is predicted. A value from
 * outside: two states of equal windows are equal, and nothing a caller can reach changes it.
 *
 * <p>The keys and values live in a {@link Storage} that states of one line of reading share: a
 * state after n positions reads its first n rows only. Appending to a state whose storage holds
 * exactly its n rows writes row n in place and shares the storage with the new state; appending to
 * one whose storage has already been extended by another branch (the sampler trying several words
 * after one state) copies its n rows first: copy on branch.
 */
final class TransformerState implements ModelState {

    /** Keys and values of every layer, row by row, for up to {@code context} positions. */
    static final class Storage {
        final double[][] keys;    // [layer][position · width]
        final double[][] values;
        int used;

        Storage(int layers, int context, int width) {
            this.keys = new double[layers][context * width];
            this.values = new double[layers][context * width];
        }
    }

    final int[] window;
    final Storage storage;
    final double[] top;

    TransformerState(int[] window, Storage storage, double[] top) {
        this.window = window;
        this.storage = storage;
        this.top = top;
    }

    /** The number of positions in the window. */
    int length() {
        return window.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformerState s && Arrays.equals(window, s.window);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(window);
    }

    @Override
    public String toString() {
        return "TransformerState[" + window.length + " positions, last id " + window[window.length - 1] + "]";
    }
}
