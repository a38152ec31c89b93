package io.lmkit.rnn.model;

/** The {@code rnn} plugin: Elman recurrent network (tanh or ReLU): the same weights at every step, a hidden state along the text. */
public final class RnnProvider extends RecurrentProvider {

    /** Creates the plugin. */
    public RnnProvider() {
        super(CellKind.RNN);
    }

    @Override
    public String description() {
        return "Elman recurrent network (tanh or ReLU): the same weights at every step, a hidden state along the text";
    }
}
