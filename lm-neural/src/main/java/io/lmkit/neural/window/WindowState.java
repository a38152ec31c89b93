package io.lmkit.neural.window;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/** The state of a fixed-window model: the ids of the n−1 previous words, oldest first. */
final class WindowState implements ModelState {

    final int[] window;

    WindowState(int[] window) {
        this.window = window;
    }

    /** The window after {@code word}: the oldest word drops out. */
    WindowState then(int word) {
        int[] next = new int[window.length];
        System.arraycopy(window, 1, next, 0, window.length - 1);
        next[window.length - 1] = word;
        return new WindowState(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowState s && Arrays.equals(window, s.window);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(window);
    }

    @Override
    public String toString() {
        return "WindowState" + Arrays.toString(window);
    }
}
