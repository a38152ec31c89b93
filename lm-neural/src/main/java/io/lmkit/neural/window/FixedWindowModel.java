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
        this.chunkRows = ScoringChunks.rows(network.classes());
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
        long predictions = 0;
        for (int[] words : sentences) {
            predictions += words.length + 1;
        }
        int capacity = (int) Math.max(1, Math.min(chunkRows, predictions));
        int[][] windows = new int[context][capacity];
        int[] targets = new int[capacity];
        double[][] owner = new double[capacity][];
        int[] slot = new int[capacity];
        int rows = 0;
        for (int[] words : sentences) {
            double[] lnProbs = new double[words.length + 1];
            out.add(lnProbs);
            for (int i = 0; i <= words.length; i++) {
                for (int j = 0; j < context; j++) {
                    int p = i - context + j;
                    windows[j][rows] = p < 0 ? vocabulary.bos() : words[p];
                }
                targets[rows] = OutputClasses.of(vocabulary, i < words.length ? words[i] : vocabulary.eos());
                owner[rows] = lnProbs;
                slot[rows] = i;
                if (++rows == capacity) {
                    scoreWindows(windows, targets, owner, slot, rows);
                    rows = 0;
                }
            }
        }
        if (rows > 0) {
            scoreWindows(windows, targets, owner, slot, rows);
        }
        return out;
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
