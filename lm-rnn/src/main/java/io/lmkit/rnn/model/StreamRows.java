package io.lmkit.rnn.model;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.output.OutputClasses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A split as one stream (the stream protocol), cut into contiguous parts that a recurrent network
 * runs side by side as rows. The stream is each sentence's {@code <s>} w1 … wn as inputs against
 * w1 … wn {@code </s>} as targets, one sentence after the other with no reset: after a sentence's
 * {@code </s>} is predicted, the next input is {@code <s>} (the one boundary input between two
 * sentences, as Mikolov's RNNLM and PyTorch's word_language_model have one end-of-sentence token
 * there; lmkit's training feeds {@code <s>} at that place, carried or reset), then the next
 * sentence's words. This is exactly the stream a model trained with {@code sentenceReset=false}
 * learned from.
 *
 * <p>Part 0 starts the stream from a zero state at its first {@code <s>}, as {@code begin()} does,
 * so it scores exactly as one walk over the stream. Every other part starts from a zero state
 * {@code warmup} tokens before its first scored token and runs them unscored, so that its first
 * tokens are predicted from a state that has seen some context (PyTorch's evaluation starts each of
 * its parts from zero with no warm-up). Rows are padded to the longest; padding has target −1.
 */
final class StreamRows implements ScoringRows {

    /** Stream tokens per part below which the stream is not cut further: parts of about a few thousand. */
    static final int MIN_PART_TOKENS = 2_000;
    /** Unscored tokens each part after the first runs first (about two sentences of news text). */
    static final int WARMUP_TOKENS = 50;

    private final int count;
    private final int length;
    private final int[] inputs;
    private final int[] targets;
    /** The stream position each row step scores, or −1. */
    private final int[] position;
    private final double[] lnProbs;
    private final int[] sentenceLengths;

    private StreamRows(int count, int length, int tokens, int[] sentenceLengths) {
        this.count = count;
        this.length = length;
        this.inputs = new int[count * length];
        this.targets = new int[count * length];
        this.position = new int[count * length];
        this.lnProbs = new double[tokens];
        this.sentenceLengths = sentenceLengths;
    }

    /** How many parts a stream of {@code tokens} tokens is cut into: one per {@link #MIN_PART_TOKENS}, at most {@code maxRows}. */
    static int parts(long tokens, int maxRows) {
        return (int) Math.max(1, Math.min(maxRows, tokens / MIN_PART_TOKENS));
    }

    /**
     * Cuts the stream of {@code sentences} (word ids without {@code <s>} and {@code </s>}) into
     * {@code parts} contiguous parts, each after the first with {@code warmup} unscored tokens before it.
     */
    static StreamRows cut(Vocabulary v, List<int[]> sentences, int parts, int warmup) {
        int tokens = 0;
        int[] lengths = new int[sentences.size()];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = sentences.get(s).length;
            tokens += lengths[s] + 1;
        }
        int[] in = new int[tokens];
        int[] out = new int[tokens];
        int p = 0;
        for (int[] words : sentences) {
            for (int i = 0; i <= words.length; i++, p++) {
                in[p] = i == 0 ? v.bos() : words[i - 1];
                out[p] = OutputClasses.of(v, i < words.length ? words[i] : v.eos());
            }
        }
        int rows = Math.max(1, Math.min(parts, tokens));
        int[] from = new int[rows + 1];
        int[] warm = new int[rows];
        int longest = 0;
        for (int b = 0; b <= rows; b++) {
            from[b] = (int) ((long) tokens * b / rows);
        }
        for (int b = 0; b < rows; b++) {
            warm[b] = Math.min(warmup, from[b]);
            longest = Math.max(longest, from[b + 1] - from[b] + warm[b]);
        }
        StreamRows r = new StreamRows(rows, longest, tokens, lengths);
        Arrays.fill(r.inputs, v.bos());
        Arrays.fill(r.targets, -1);
        Arrays.fill(r.position, -1);
        for (int b = 0; b < rows; b++) {
            int start = from[b] - warm[b];
            for (int j = 0; j < from[b + 1] - start; j++) {
                int at = b * longest + j;
                r.inputs[at] = in[start + j];
                if (start + j >= from[b]) {
                    r.targets[at] = out[start + j];
                    r.position[at] = start + j;
                }
            }
        }
        return r;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int length() {
        return length;
    }

    /** Steps [from, from + steps) of every row, time-major, with no reset anywhere. */
    @Override
    public SentenceRows.Segment segment(int from, int steps) {
        int[] in = new int[steps * count];
        int[] out = new int[steps * count];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < count; b++) {
                in[t * count + b] = inputs[b * length + from + t];
                out[t * count + b] = targets[b * length + from + t];
            }
        }
        return new SentenceRows.Segment(in, null, out);
    }

    @Override
    public void put(int from, int r, double lnProb) {
        lnProbs[position[(r % count) * length + from + r / count]] = lnProb;
    }

    @Override
    public List<double[]> results() {
        List<double[]> out = new ArrayList<>(sentenceLengths.length);
        int p = 0;
        for (int n : sentenceLengths) {
            out.add(Arrays.copyOfRange(lnProbs, p, p + n + 1));
            p += n + 1;
        }
        return out;
    }
}
