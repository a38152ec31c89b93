package io.lmkit.rnn.model;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.output.OutputClasses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentences packed whole into rows that a recurrent network runs side by side: each sentence goes
 * to the row with the fewest tokens so far (the lowest such row on a tie), as {@code <s>} w1 … wn
 * inputs against w1 … wn {@code </s>} targets, and the rows are padded to the longest. A sentence
 * start is marked so the state can be set to zero there, which makes each sentence score exactly
 * as from {@code <s>} on its own; padding is marked as a start too, so it never feeds a sentence,
 * and its target is −1, scored by nothing. Validation during training and batched scoring both
 * read sentences this way.
 */
final class SentenceRows implements ScoringRows {

    private final int count;
    private final int length;
    /** Row-major: element b·length + p is row b at step p. */
    final int[] inputs;
    final int[] targets;
    final boolean[] starts;
    private final int[] sentenceAt;
    private final int[] tokenAt;
    private final double[][] results;

    private SentenceRows(int count, int length, int sentences) {
        this.count = count;
        this.length = length;
        int size = count * length;
        this.inputs = new int[size];
        this.targets = new int[size];
        this.starts = new boolean[size];
        this.sentenceAt = new int[size];
        this.tokenAt = new int[size];
        this.results = new double[sentences][];
    }

    /** Packs {@code sentences} (word ids, without {@code <s>} and {@code </s>}) into at most {@code maxRows} rows. */
    static SentenceRows pack(Vocabulary v, List<int[]> sentences, int maxRows) {
        int[] order = new int[sentences.size()];
        Arrays.setAll(order, s -> s);
        return pack(v, sentences, maxRows, order);
    }

    /**
     * Packs as {@link #pack} does but deals the sentences out longest first (Graham's LPT rule: the
     * longest row is then at most 4/3 of the best possible), so the rows end up nearly equally long
     * and little padding runs through the network: taken in the given order, the test split's first
     * 60,000 tokens in blocks of 512 sentences were 23% padding. Each sentence still starts from a
     * zero state, so its numbers do not depend on its row; the results keep the given order.
     */
    static SentenceRows packLongestFirst(Vocabulary v, List<int[]> sentences, int maxRows) {
        int[] order = java.util.stream.IntStream.range(0, sentences.size()).boxed()
                .sorted((a, b) -> Integer.compare(sentences.get(b).length, sentences.get(a).length))
                .mapToInt(Integer::intValue).toArray();
        return pack(v, sentences, maxRows, order);
    }

    private static SentenceRows pack(Vocabulary v, List<int[]> sentences, int maxRows, int[] order) {
        int rows = Math.max(1, Math.min(maxRows, sentences.size()));
        List<List<Integer>> assigned = new ArrayList<>();
        int[] used = new int[rows];
        for (int b = 0; b < rows; b++) {
            assigned.add(new ArrayList<>());
        }
        for (int s : order) {
            int shortest = 0;
            for (int b = 1; b < rows; b++) {
                if (used[b] < used[shortest]) {
                    shortest = b;
                }
            }
            assigned.get(shortest).add(s);
            used[shortest] += sentences.get(s).length + 1;
        }
        int length = Arrays.stream(used).max().orElse(0);
        SentenceRows out = new SentenceRows(rows, length, sentences.size());
        Arrays.fill(out.inputs, v.bos());
        Arrays.fill(out.targets, -1);
        Arrays.fill(out.starts, true);
        Arrays.fill(out.sentenceAt, -1);
        for (int b = 0; b < rows; b++) {
            int p = b * length;
            for (int s : assigned.get(b)) {
                int[] words = sentences.get(s);
                out.results[s] = new double[words.length + 1];
                for (int i = 0; i <= words.length; i++, p++) {
                    out.inputs[p] = i == 0 ? v.bos() : words[i - 1];
                    out.targets[p] = OutputClasses.of(v, i < words.length ? words[i] : v.eos());
                    out.starts[p] = i == 0;
                    out.sentenceAt[p] = s;
                    out.tokenAt[p] = i;
                }
            }
        }
        return out;
    }

    /** The number of rows. */
    @Override
    public int count() {
        return count;
    }

    /** Steps per row, padding included. */
    @Override
    public int length() {
        return length;
    }

    /** Steps [from, from + steps) of every row, time-major: element t·rows + b is row b at step from + t. */
    @Override
    public Segment segment(int from, int steps) {
        return new Segment(timeMajor(inputs, from, steps), timeMajor(starts, from, steps),
                timeMajor(targets, from, steps));
    }

    private int[] timeMajor(int[] source, int from, int steps) {
        int[] out = new int[steps * count];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < count; b++) {
                out[t * count + b] = source[b * length + from + t];
            }
        }
        return out;
    }

    private boolean[] timeMajor(boolean[] source, int from, int steps) {
        boolean[] out = new boolean[steps * count];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < count; b++) {
                out[t * count + b] = source[b * length + from + t];
            }
        }
        return out;
    }

    /** Records ln p of element {@code r} (time-major) of the segment that starts at step {@code from}. */
    @Override
    public void put(int from, int r, double lnProb) {
        int p = (r % count) * length + from + r / count;
        results[sentenceAt[p]][tokenAt[p]] = lnProb;
    }

    /** ln p of every word and {@code </s>} of every sentence, in the order they were given. */
    @Override
    public List<double[]> results() {
        return Arrays.asList(results);
    }

    /** A segment of the rows, time-major; a target of −1 is padding; resets null for none. */
    record Segment(int[] inputs, boolean[] resets, int[] targets) {
    }
}
