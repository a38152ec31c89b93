package io.lmkit.transformer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a token sequence longer than the context is read: in windows of at most {@code context}
 * positions that start every {@code hop} = context/2 positions, each after the first scoring only
 * its last {@code hop} positions, so every prediction after the first window sees between
 * context − hop + 1 and context positions. Position i (0-based, {@code <s>} at 0) is therefore
 * predicted from the window that starts at s(i) = 0 for i &lt; context, else
 * s(i) = (⌊(i − context)/hop⌋ + 1)·hop — the rule {@link TransformerModel}'s key/value cache follows
 * when it slides, so that batched scoring and the state API give the same numbers.
 */
final class Windows {

    private Windows() {
    }

    /** Positions a window moves by: half the context (at least 1). */
    static int hop(int context) {
        return Math.max(1, context / 2);
    }

    /** Where the window that predicts from position i starts. */
    static int start(int i, int context) {
        int hop = hop(context);
        return i < context ? 0 : ((i - context) / hop + 1) * hop;
    }

    /**
     * One window of a sequence.
     *
     * @param sequence which sequence it belongs to
     * @param from     its first position in the sequence
     * @param length   its positions
     * @param scored   its first scored position, relative to {@code from}
     */
    record Window(int sequence, int from, int length, int scored) {
    }

    /** The windows of a sequence of {@code length} inputs, in order. */
    static List<Window> of(int sequence, int length, int context) {
        int hop = hop(context);
        List<Window> out = new ArrayList<>();
        out.add(new Window(sequence, 0, Math.min(context, length), 0));
        for (int from = hop; from + context - hop < length; from += hop) {
            out.add(new Window(sequence, from, Math.min(context, length - from), context - hop));
        }
        return out;
    }

    /**
     * The windows packed into batches for one forward pass each: sorted by length (longest first),
     * so that a batch pads little, and cut so that no batch has more than {@code maxRows} positions or
     * {@code maxWindows} windows.
     */
    static List<List<Window>> batches(List<Window> windows, int maxRows, int maxWindows) {
        List<Window> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingInt(Window::length).reversed().thenComparingInt(Window::sequence)
                .thenComparingInt(Window::from));
        List<List<Window>> out = new ArrayList<>();
        List<Window> current = new ArrayList<>();
        for (Window w : sorted) {
            int time = current.isEmpty() ? w.length() : current.get(0).length();
            if (!current.isEmpty() && ((current.size() + 1) * time > maxRows || current.size() >= maxWindows)) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(w);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * The batch of some windows over sequences of inputs and targets, padded to the longest window;
     * only each window's scored positions have targets.
     */
    static TransformerNetwork.Batch batch(List<Window> windows, List<int[]> inputs, List<int[]> targets) {
        int time = 0;
        for (Window w : windows) {
            time = Math.max(time, w.length());
        }
        int[] in = new int[windows.size() * time];
        int[] out = new int[in.length];
        Arrays.fill(out, -1);
        for (int n = 0; n < windows.size(); n++) {
            Window w = windows.get(n);
            int[] seqIn = inputs.get(w.sequence());
            int[] seqOut = targets.get(w.sequence());
            for (int t = 0; t < w.length(); t++) {
                in[n * time + t] = seqIn[w.from() + t];
                if (t >= w.scored()) {
                    out[n * time + t] = seqOut[w.from() + t];
                }
            }
        }
        return new TransformerNetwork.Batch(in, windows.size(), time, out);
    }
}
