package io.lmkit.ngram.internal;

import io.lmkit.core.model.ModelDataSink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stored n-grams of one order k ≥ 2, as scoring reads them, whatever the layout (a probing hash
 * table on the heap or mapped from a file, or a level of a sorted trie). Each n-gram has an id, an int
 * in {@code [0, idLimit())}; an n-gram of order k+1 names its context by the context's id in the
 * table of order k (for k = 2, the context is a word id).
 *
 * <p>Read-only and safe to share between threads.
 */
public interface OrderTable {

    /** The id of the n-gram (context id, word), or -1 when the table does not hold it. */
    int find(int contextId, int word);

    /** The log10 probability of the n-gram {@code id}. */
    float log10Prob(int id);

    /** The log10 backoff weight of the n-gram {@code id} (0 in a table without backoffs). */
    double log10Backoff(int id);

    /** The context id of the n-gram {@code id}. */
    int contextId(int id);

    /** The last word of the n-gram {@code id}. */
    int word(int id);

    /** Whether {@code id} names an n-gram (a probing table has empty slots). */
    boolean occupied(int id);

    /** One more than the largest id. */
    int idLimit();

    /** The number of n-grams. */
    int size();

    /** Whether the n-grams of this table carry backoff weights (every order but the highest). */
    boolean hasBackoffs();

    /** Bytes the table takes, in memory or in its file. */
    long bytes();

    /** The layout of this table: {@code probing} or {@code trie}. */
    String layout();

    /**
     * Writes the table as a mappable model data entry: a 64-byte little-endian header, then the data
     * (see each layout's class).
     */
    void writeMappable(OutputStream out) throws IOException;

    /**
     * Writes the table as the mappable entry {@code name} of {@code sink}, as {@link #writeMappable(OutputStream)}
     * writes it; a table whose entry is one mapped region hands the region over, so that a model file stores it
     * without a scratch copy ({@link ModelDataSink#mappableEntry(String, io.lmkit.core.model.MappedData)}).
     */
    default void writeMappable(ModelDataSink sink, String name) throws IOException {
        try (OutputStream o = sink.mappableEntry(name)) {
            OutputStream out = new java.io.BufferedOutputStream(o, 1 << 16);
            writeMappable(out);
            out.flush();
        }
    }
}
