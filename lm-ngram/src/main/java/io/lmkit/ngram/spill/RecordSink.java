package io.lmkit.ngram.spill;

import java.io.IOException;

/** Receives records in sorted order. */
@FunctionalInterface
public interface RecordSink {

    /** Receives one record: its words (read them now: the array is reused) and its count. */
    void accept(int[] words, long count) throws IOException;
}
