package io.lmkit.rnn.model;

/** The {@code lstm} plugin: LSTM (Hochreiter &amp; Schmidhuber) with forget-gate bias; truncated BPTT, clipping. */
public final class LstmProvider extends RecurrentProvider {

    /** Creates the plugin. */
    public LstmProvider() {
        super(CellKind.LSTM);
    }

    @Override
    public String description() {
        return "LSTM (Hochreiter & Schmidhuber) with forget-gate bias; truncated BPTT, clipping";
    }
}
