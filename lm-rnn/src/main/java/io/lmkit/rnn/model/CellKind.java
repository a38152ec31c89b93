package io.lmkit.rnn.model;

import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.rnn.cell.ElmanCell;
import io.lmkit.rnn.cell.GruCell;
import io.lmkit.rnn.cell.LstmCell;
import io.lmkit.rnn.cell.RecurrentCell;

/** The recurrent cells lmkit has, and how to make one layer of each. */
public enum CellKind {
    /** Elman's simple recurrent network. */
    RNN,
    /** Long short-term memory. */
    LSTM,
    /** Gated recurrent unit. */
    GRU;

    RecurrentCell create(Workspace workspace, ParameterStore store, String name, int in, RnnConfig c, long seed) {
        return switch (this) {
            case RNN -> new ElmanCell(workspace, store, name, in, c.hidden(), c.activation(), c.initScale(), seed);
            case LSTM -> new LstmCell(workspace, store, name, in, c.hidden(), c.initScale(), c.forgetBias(), seed);
            case GRU -> new GruCell(workspace, store, name, in, c.hidden(), c.initScale(), seed);
        };
    }
}
