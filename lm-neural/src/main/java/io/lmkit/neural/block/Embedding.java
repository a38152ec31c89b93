package io.lmkit.neural.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/**
 * A table of word embeddings C [vocabulary, width]. Looking up a window of words writes their
 * embeddings side by side into one row, which is the concatenation of Bengio et al.'s x.
 */
public final class Embedding {

    private final ComputeBackend backend;
    private final Parameter table;

    /** Creates the table uniform in ±scale (seeded) in {@code store} as parameter {@code name}. */
    public Embedding(ParameterStore store, String name, int vocabulary, int width, double scale, long seed) {
        this.backend = store.backend();
        this.table = store.uniform(name, vocabulary, width, scale, seed);
    }

    /** The table C [vocabulary, width]. */
    public Parameter table() {
        return table;
    }

    /** The embedding width. */
    public int width() {
        return table.value().cols();
    }

    /**
     * Writes the embedding of {@code ids[j][i]} into row i, columns [j·width, (j+1)·width) of
     * {@code out} [batch, positions·width].
     *
     * @param ids the word ids by position, then by batch row
     */
    public void forward(int[][] ids, Tensor out) {
        for (int j = 0; j < ids.length; j++) {
            backend.gather(table.value(), ids[j], out, j * width());
        }
    }

    /** Adds the gradient of each looked-up embedding into the table's gradient. */
    public void backward(int[][] ids, Tensor dOut) {
        for (int j = 0; j < ids.length; j++) {
            backend.scatterAdd(dOut, j * width(), ids[j], table.gradient());
        }
    }
}
