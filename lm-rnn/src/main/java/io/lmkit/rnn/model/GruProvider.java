package io.lmkit.rnn.model;

/** The {@code gru} plugin: GRU (Cho et al. 2014); truncated BPTT, clipping. */
public final class GruProvider extends RecurrentProvider {

    /** Creates the plugin. */
    public GruProvider() {
        super(CellKind.GRU);
    }

    @Override
    public String description() {
        return "GRU (Cho et al. 2014); truncated BPTT, clipping";
    }
}
