package io.lmkit.rnn.model;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/**
 * The state of a recurrent model: the output h (and an LSTM's memory c) of every layer after the
 * words so far, as float64 copies so that states are values independent of the backend.
 */
final class RecurrentState implements ModelState {

    final double[][] h;
    final double[][] c;

    RecurrentState(double[][] h, double[][] c) {
        this.h = h;
        this.c = c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentState s && Arrays.deepEquals(h, s.h) && Arrays.deepEquals(c, s.c);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(h);
    }

    @Override
    public String toString() {
        return "RecurrentState[" + h.length + " layers of " + (h.length == 0 ? 0 : h[0].length) + "]";
    }
}
