package io.lmkit.rnn.model;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;

/**
 * The scored rows of a recurrent network's segments gathered into fixed batches for the output layer:
 * the top layer's output of every step whose target is a class (not padding) is copied into a
 * [batch, H] buffer, and when the buffer is full the output layer and the float64 log-softmax run on
 * it at once. So the matrix product over the vocabulary, most of the work of scoring, always runs
 * on full batches of real tokens whatever the segments' shapes and padding, and its [batch, K]
 * logits are the same tensor every time. The output weight is declared constant to the backend while it
 * is open, so a backend packs it once rather than once per batch. Close it when done: it frees the buffer.
 */
final class ScoredRows implements AutoCloseable {

    private final RecurrentNetwork network;
    private final ScoringRows rows;
    private final Tensor buffer;                  // [batch, H]
    private final ComputeBackend.ConstantOperand weight; // the output weight, packed once for every batch
    private final int[] targets;
    private final int[] segmentStart;             // per buffered row: the step its segment starts at
    private final int[] element;                  // per buffered row: its element in that segment
    private int filled;

    /** A buffer of {@code batch} rows whose results go to {@code rows}. */
    ScoredRows(RecurrentNetwork network, ScoringRows rows, int batch) {
        this.network = network;
        this.rows = rows;
        this.buffer = network.backend().zeros(batch, network.hidden());
        this.targets = new int[batch];
        this.segmentStart = new int[batch];
        this.element = new int[batch];
        this.weight = network.holdOutputForScoring();
    }

    /**
     * Takes the rows of a segment's top outputs {@code top} [T·B, H] (time-major, starting at step
     * {@code from}) whose target is not negative, scoring the buffer whenever it fills. Call it inside
     * a workspace scope: the logits are lent by the network's workspace.
     */
    void add(Tensor top, int[] segmentTargets, int from) {
        for (int r = 0; r < segmentTargets.length; ) {
            if (segmentTargets[r] < 0) {
                r++;
                continue;
            }
            // A run of consecutive scored rows is copied at once, up to the room left.
            int run = 1;
            while (r + run < segmentTargets.length && segmentTargets[r + run] >= 0 && filled + run < targets.length) {
                run++;
            }
            network.backend().copyRows(top, r, buffer, filled, run);
            for (int i = 0; i < run; i++) {
                targets[filled + i] = segmentTargets[r + i];
                segmentStart[filled + i] = from;
                element[filled + i] = r + i;
            }
            filled += run;
            r += run;
            if (filled == targets.length) {
                flush();
            }
        }
    }

    /** Scores what the buffer holds (inside a workspace scope) and empties it. */
    void flush() {
        if (filled == 0) {
            return;
        }
        double[] lnProbs;
        if (filled == targets.length) {
            lnProbs = network.lnProbs(buffer, targets);
        } else {
            Tensor part = network.workspace().overwritten(filled, buffer.cols());
            network.backend().copyRows(buffer, 0, part, 0, filled);
            lnProbs = network.lnProbs(part, java.util.Arrays.copyOf(targets, filled));
        }
        for (int i = 0; i < filled; i++) {
            rows.put(segmentStart[i], element[i], lnProbs[i]);
        }
        filled = 0;
    }

    @Override
    public void close() {
        weight.close();
        buffer.close();
    }
}
