package io.lmkit.neural.window;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.output.ScoringChunks;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.param.ParameterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed-window neural language model of Bengio et al. (2003) as a {@link LanguageModel}: its
 * state is the window of the n−1 previous words ({@code <s>} before the sentence start), and a
 * sentence is scored in batches of at most {@link #chunkRows} predictions, so that a sentence of any
 * length needs a bounded [rows × classes] logits matrix. Calls are serialised, since a compute
 * backend serves one thread at a time.
 */
public final class FixedWindowModel implements LanguageModel, Sized {

    static final String DATA_ENTRY = "fixed-window.bin";

    private final Vocabulary vocabulary;
    private final FixedWindowNetwork network;
    private final int context;
    /** Predictions per forward pass of {@link #scoreSentence}; tests force a small one. */
    int chunkRows;

    FixedWindowModel(Vocabulary vocabulary, FixedWindowNetwork network, int context) {
        this.vocabulary = vocabulary;
        this.network = network;
        this.context = context;
        this.chunkRows = ScoringChunks.rows(network.classes(), network.backend());
    }

    @Override
    public long sizeCount() {
        return network.parameters().count();
    }

    @Override
    public String sizeUnit() {
        return "parameters";
    }

    /** The trainable values, for diagnostics. */
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelState begin() {
        int[] w = new int[context];
        Arrays.fill(w, vocabulary.bos());
        return new WindowState(w);
    }

    private static WindowState check(ModelState state) {
        if (!(state instanceof WindowState s)) {
            throw new IllegalArgumentException("not a state of a fixed-window model: " + state);
        }
        return s;
    }

    private int[][] byPosition(int[] window) {
        int[][] ids = new int[context][1];
        for (int j = 0; j < context; j++) {
            ids[j][0] = window[j];
        }
        return ids;
    }

    @Override
    public synchronized Score score(ModelState state, int word) {
        WindowState s = check(state);
        int cls = OutputClasses.of(vocabulary, word);
        double lnP = network.lnProbsExact(byPosition(s.window), new int[] {cls})[0];
        return new Score(lnP, s.then(word));
    }

    @Override
    public synchronized void nextLnProbs(ModelState state, double[] lnProbs) {
        double[] classes = network.logSoftmax(byPosition(check(state).window));
        for (int c = 0; c < classes.length; c++) {
            lnProbs[OutputClasses.id(vocabulary, c)] = classes[c];
        }
        lnProbs[vocabulary.bos()] = Double.NEGATIVE_INFINITY;
    }

    @Override
    public synchronized double[] scoreSentence(int[] words) {
        int n = words.length + 1;
        double[] out = new double[n];
        // Each prediction depends only on its window, so chunks give exactly the numbers of one batch.
        for (int from = 0; from < n; from += chunkRows) {
            int rows = Math.min(chunkRows, n - from);
            int[][] windows = new int[context][rows];                         // [n−1][rows]
            int[] targets = new int[rows];
            for (int r = 0; r < rows; r++) {
                int i = from + r;
                for (int j = 0; j < context; j++) {
                    int p = i - context + j;
                    windows[j][r] = p < 0 ? vocabulary.bos() : words[p];
                }
                targets[r] = OutputClasses.of(vocabulary, i < words.length ? words[i] : vocabulary.eos());
            }
            System.arraycopy(network.lnProbsExact(windows, targets), 0, out, from, rows);
        }
        return out;
    }

    /**
     * Scores the sentences' predictions together, {@link #chunkRows} windows per forward pass
     * across sentence boundaries; each prediction depends only on its window, so every number
     * equals {@link #scoreSentence}'s.
     */
    @Override
    public synchronized List<double[]> scoreSentences(List<int[]> sentences) {
        List<double[]> out = new ArrayList<>(sentences.size());
        Batch batch = new Batch(predictions(sentences));
        for (int[] words : sentences) {
            double[] lnProbs = new double[words.length + 1];
            out.add(lnProbs);
            for (int i = 0; i <= words.length; i++) {
                int[] window = batch.window();
                for (int j = 0; j < context; j++) {
                    int p = i - context + j;
                    window[j] = p < 0 ? vocabulary.bos() : words[p];
                }
                batch.add(target(words, i), lnProbs, i);
            }
        }
        batch.flush();
        return out;
    }

    /**
     * Scores the sentences as one stream: the window runs on across sentence boundaries, so the
     * first words of a sentence see the last words of the one before, then the boundary input
     * {@code <s>} (as a recurrent model's stream has it), e.g. [w(n−1), wn, {@code <s>}] before the
     * next sentence's first word. Only the stream's first sentence starts from a window of
     * {@code <s>}. Every number equals a walk of {@link #score} with {@link #nextSentence} between
     * sentences.
     */
    @Override
    public synchronized List<double[]> scoreStream(List<int[]> sentences) {
        List<double[]> out = new ArrayList<>(sentences.size());
        Batch batch = new Batch(predictions(sentences));
        int[] history = new int[context];                 // the last n−1 inputs, oldest first
        Arrays.fill(history, vocabulary.bos());
        for (int[] words : sentences) {
            double[] lnProbs = new double[words.length + 1];
            out.add(lnProbs);
            for (int i = 0; i <= words.length; i++) {
                // The input before word i: <s> (the boundary, or the stream's start) or word i−1.
                System.arraycopy(history, 1, history, 0, context - 1);
                history[context - 1] = i == 0 ? vocabulary.bos() : words[i - 1];
                System.arraycopy(history, 0, batch.window(), 0, context);
                batch.add(target(words, i), lnProbs, i);
            }
        }
        batch.flush();
        return out;
    }

    /** The window after the boundary input {@code <s>}: the previous sentence's words stay in view. */
    @Override
    public ModelState nextSentence(ModelState afterLastWord) {
        return check(afterLastWord).then(vocabulary.bos());
    }

    @Override
    public boolean carriesContext() {
        return true;
    }

    private int target(int[] words, int i) {
        return OutputClasses.of(vocabulary, i < words.length ? words[i] : vocabulary.eos());
    }

    private static long predictions(List<int[]> sentences) {
        long n = 0;
        for (int[] words : sentences) {
            n += words.length + 1;
        }
        return n;
    }

    /** Windows gathered up to {@link #chunkRows} at a time; each ln p goes back into its sentence's array. */
    private final class Batch {
        private final int[][] windows;                    // [n−1][capacity]
        private final int[] targets;
        private final double[][] owner;
        private final int[] slot;
        private final int[] window = new int[context];
        private int rows;

        Batch(long predictions) {
            int capacity = (int) Math.max(1, Math.min(chunkRows, predictions));
            windows = new int[context][capacity];
            targets = new int[capacity];
            owner = new double[capacity][];
            slot = new int[capacity];
        }

        /** The window of the next prediction, to fill before {@link #add}. */
        int[] window() {
            return window;
        }

        void add(int target, double[] lnProbs, int at) {
            for (int j = 0; j < context; j++) {
                windows[j][rows] = window[j];
            }
            targets[rows] = target;
            owner[rows] = lnProbs;
            slot[rows] = at;
            if (++rows == targets.length) {
                flush();
            }
        }

        void flush() {
            if (rows > 0) {
                scoreWindows(windows, targets, owner, slot, rows);
                rows = 0;
            }
        }
    }

    /** Scores the first {@code rows} windows and puts each ln p into its sentence's array. */
    private void scoreWindows(int[][] windows, int[] targets, double[][] owner, int[] slot, int rows) {
        int[][] used = windows;
        int[] usedTargets = targets;
        if (rows < targets.length) {
            used = new int[context][];
            for (int j = 0; j < context; j++) {
                used[j] = Arrays.copyOf(windows[j], rows);
            }
            usedTargets = Arrays.copyOf(targets, rows);
        }
        double[] lnProbs = network.lnProbsExact(used, usedTargets);
        for (int r = 0; r < rows; r++) {
            owner[r][slot[r]] = lnProbs[r];
        }
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            ParameterFiles.write(network.parameters(), o);
        }
    }
}
