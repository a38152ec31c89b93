package io.lmkit.ngram;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.internal.OrderTable;
import java.util.SplittableRandom;

/**
 * Draws next words from an n-gram model in backoff form without building a distribution over the
 * whole vocabulary: for each context the index holds only its explicit followers (the stored
 * n-grams that extend it) with their cumulative probabilities, as in KenLM's sorted tables.
 *
 * <p>A draw is exact for the model's distribution: p(w|h) is the stored p for an explicit follower,
 * else bo(h)·p(w|h'). With probability Σ p(w|h) over the followers of h one of them is picked; with
 * the rest (which the backoff weight makes bo(h)·Σ p(w|h') over the others) a word is drawn from
 * p(·|h') and kept unless h stores it (then drawn again): the words that are not followers of h then
 * come in proportion to p(w|h'). The expected number of redraws is bo(h), about 1 or less.
 * {@code <s>} is never drawn.
 *
 * <p>Immutable and safe to share between threads; each thread passes its own random source and
 * context array.
 */
public final class NgramFollowers {

    /** Redraws from the lower order before taking an explicit follower instead (float rounding only). */
    private static final int MAX_REDRAWS = 10_000;

    private final NgramModel model;
    private final OrderTable[] tables;
    private final int order;
    private final double[] unigramCumulative;
    private final int[] unigramGuide;
    /** For each order k ≥ 2: followers of context id c are entries start[k][c] .. start[k][c+1]. */
    private final int[][] start;
    private final int[][] followerWord;
    private final double[][] cumulative;
    /** Guide tables (Chen 1974): for a segment of n followers, entry j is the first whose cumulative value exceeds j/n of its mass. */
    private final int[][] guide;

    private NgramFollowers(NgramModel model, OrderTable[] tables) {
        this.model = model;
        this.tables = tables;
        this.order = model.order();
        Vocabulary v = model.vocabulary();
        this.unigramCumulative = new double[v.size()];
        double sum = 0;
        for (int w = 0; w < v.size(); w++) {
            if (w != v.bos()) {
                sum += Math.pow(10, model.entry(w).orElseThrow().log10Prob());
            }
            unigramCumulative[w] = sum;
        }
        this.unigramGuide = guide(unigramCumulative, new int[] {0, v.size()}, 1);
        this.start = new int[order + 1][];
        this.followerWord = new int[order + 1][];
        this.cumulative = new double[order + 1][];
        this.guide = new int[order + 1][];
        for (int k = 2; k <= order; k++) {
            index(k, k == 2 ? v.size() : tables[k - 1].idLimit());
        }
    }

    /** The follower index of {@code model}, which must hold probabilities (not stupid-backoff scores). */
    public static NgramFollowers of(NgramModel model) {
        if (model.scoreKind() != io.lmkit.core.model.ScoreKind.PROBABILITY) {
            throw new IllegalArgumentException("sampling needs a model of probabilities, not scores; this model is "
                    + model.scoreKind());
        }
        return new NgramFollowers(model, model.parts().tables());
    }

    /** Groups the n-grams of order k by context id (counting sort), in word order within a context. */
    private void index(int k, int contexts) {
        OrderTable t = tables[k];
        int[] s = new int[contexts + 1];
        for (int id = 0; id < t.idLimit(); id++) {
            if (t.occupied(id)) {
                s[t.contextId(id) + 1]++;
            }
        }
        for (int c = 0; c < contexts; c++) {
            s[c + 1] += s[c];
        }
        int[] fill = java.util.Arrays.copyOf(s, contexts);
        long[] wordAndId = new long[t.size()];
        for (int id = 0; id < t.idLimit(); id++) {
            if (t.occupied(id)) {
                wordAndId[fill[t.contextId(id)]++] = (long) t.word(id) << 32 | id;
            }
        }
        int[] words = new int[t.size()];
        double[] cum = new double[t.size()];
        for (int c = 0; c < contexts; c++) {
            // Followers in word order, so that draws do not depend on where a layout puts the n-grams.
            java.util.Arrays.sort(wordAndId, s[c], s[c + 1]);
        }
        for (int i = 0; i < words.length; i++) {
            int id = (int) wordAndId[i];
            words[i] = (int) (wordAndId[i] >>> 32);
            cum[i] = Math.pow(10, t.log10Prob(id));
        }
        for (int c = 0; c < contexts; c++) {
            for (int i = s[c] + 1; i < s[c + 1]; i++) {
                cum[i] += cum[i - 1];
            }
        }
        start[k] = s;
        followerWord[k] = words;
        cumulative[k] = cum;
        guide[k] = guide(cum, s, contexts);
    }

    /** The guide table of every segment [starts[c], starts[c+1]) of {@code cum}. */
    private static int[] guide(double[] cum, int[] starts, int segments) {
        int[] g = new int[cum.length];
        for (int c = 0; c < segments; c++) {
            int from = starts[c];
            int n = starts[c + 1] - from;
            if (n == 0) {
                continue;
            }
            double mass = cum[from + n - 1];
            int i = from;
            for (int j = 0; j < n; j++) {
                double threshold = mass * j / n;
                while (i < from + n - 1 && cum[i] <= threshold) {
                    i++;
                }
                g[from + j] = i;
            }
        }
        return g;
    }

    /** The model's order n: a context holds at most n−1 words. */
    public int order() {
        return order;
    }

    /** The vocabulary of the model. */
    public Vocabulary vocabulary() {
        return model.vocabulary();
    }

    /**
     * Starts a sentence: {@code context[1]} = {@code <s>}.
     *
     * @param context an array of length {@link #order()}, reused for the whole sentence
     * @return the context's length, 1
     */
    public int begin(int[] context) {
        context[1] = model.vocabulary().bos();
        return 1;
    }

    /**
     * Draws the next word after a context.
     *
     * @param context {@code context[j]} for j = 1..length is the id of the context's last j words:
     *                the word id for j = 1, the n-gram's id in the table of order j above
     * @param length  how many words of context the model stores (1..n−1)
     */
    public int draw(int[] context, int length, SplittableRandom random) {
        return drawAt(Math.min(length + 1, order), context, random);
    }

    /**
     * Extends the context by {@code word}, keeping the longest suffix the model stores (at most n−1 words).
     *
     * @return the new context length
     */
    public int advance(int[] context, int length, int word) {
        int top = Math.min(length + 1, order - 1);
        int valid = 1;
        // From the top down, so that context[j - 1] still holds the old, one-word-shorter context.
        for (int j = top; j >= 2; j--) {
            int previous = context[j - 1];
            context[j] = previous < 0 ? -1 : tables[j].find(previous, word);
        }
        context[1] = word;
        while (valid < top && context[valid + 1] >= 0) {
            valid++;
        }
        return valid;
    }

    private int drawAt(int k, int[] context, SplittableRandom random) {
        if (k == 1) {
            double total = unigramCumulative[unigramCumulative.length - 1];
            return search(unigramCumulative, unigramGuide, 0, unigramCumulative.length, random.nextDouble() * total,
                    total);
        }
        int c = context[k - 1];
        int from = start[k][c];
        int to = start[k][c + 1];
        double mass = from < to ? cumulative[k][to - 1] : 0;
        double u = random.nextDouble();
        if (u < mass) {
            return followerWord[k][search(cumulative[k], guide[k], from, to, u, mass)];
        }
        for (int redraw = 0; redraw < MAX_REDRAWS; redraw++) {
            int w = drawAt(k - 1, context, random);
            if (tables[k].find(c, w) < 0) {
                return w;
            }
        }
        return followerWord[k][search(cumulative[k], guide[k], from, to, u * mass, mass)];
    }

    /**
     * The first index in [from, to) whose cumulative value exceeds {@code u} (the last when none does):
     * from the guide's entry for u, a step or two back or forth (expected O(1)); the result does not
     * depend on the guide, only the time does.
     */
    private static int search(double[] cum, int[] guide, int from, int to, double u, double mass) {
        int n = to - from;
        int j = (int) Math.min(n - 1, Math.max(0, u / mass * n));
        int i = guide[from + j];
        while (i > from && cum[i - 1] > u) {
            i--;
        }
        while (i < to - 1 && cum[i] <= u) {
            i++;
        }
        return i;
    }
}
