package io.lmkit.rnn.model;

import java.util.List;

/**
 * Tokens laid out in rows that a recurrent network scores side by side ({@link SentenceRows} per
 * sentence, {@link StreamRows} as a stream): segments of them go in, each scored ln p comes back.
 */
interface ScoringRows {

    /** The number of rows. */
    int count();

    /** Steps per row, padding included. */
    int length();

    /** Steps [from, from + steps) of every row, time-major: element t·rows + b is row b at step from + t. */
    SentenceRows.Segment segment(int from, int steps);

    /** Records ln p of element {@code r} (time-major) of the segment that starts at step {@code from}. */
    void put(int from, int r, double lnProb);

    /** ln p of every word and {@code </s>} of every sentence, in the order they were given. */
    List<double[]> results();
}
