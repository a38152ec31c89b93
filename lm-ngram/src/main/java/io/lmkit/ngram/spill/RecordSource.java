package io.lmkit.ngram.spill;

import java.io.IOException;

/**
 * A stream of records of {@link #width()} words and a count, in sorted order, each n-gram once.
 * {@link #words()} and {@link #count()} describe the current record after {@link #next()} returned
 * true; the array is reused.
 */
public interface RecordSource extends AutoCloseable {

    /** Words per record. */
    int width();

    /** Moves to the next record; false at the end. */
    boolean next() throws IOException;

    /** The current record's words, first to last (read-only; overwritten by {@link #next()}). */
    int[] words();

    /** The current record's count. */
    long count();

    /** Releases the stream's file, if any. */
    @Override
    void close() throws IOException;
}
