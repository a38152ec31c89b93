package io.lmkit.transformer.model;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.inspect.AttentionMaps;
import io.lmkit.neural.inspect.AttentionSource;
import io.lmkit.neural.inspect.GradientFlowSource;
import io.lmkit.neural.output.ExactSoftmax;
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
 * A causal Transformer as a {@link LanguageModel}. The state is a key/value cache
 * ({@link TransformerState}): {@link #score} reads one position, attending over the cached keys, in
 * O(context) per word; once the window holds {@code context} positions it slides by half of it
 * ({@link KeyValueCache}). {@link #scoreSentences} and {@link #scoreStream} read every sequence in
 * the same windows ({@link Windows}) as batched forward passes, so they give the state API's numbers.
 * Distributions are the float64 log-softmax of the backend's logits, summing to 1 to double
 * precision on any backend. Calls are serialised.
 */
public final class TransformerModel implements LanguageModel, Sized, AttentionSource, GradientFlowSource {

    static final String DATA_ENTRY = "transformer.bin";

    private final Vocabulary vocabulary;
    private final TransformerNetwork network;
    private final ComputeBackend backend;
    private final KeyValueCache cache;
    private TransformerState begin;

    TransformerModel(Vocabulary vocabulary, TransformerNetwork network) {
        this.vocabulary = vocabulary;
        this.network = network;
        this.backend = network.backend();
        this.cache = new KeyValueCache(network);
    }

    TransformerNetwork network() {
        return network;
    }

    /** The trainable values, for diagnostics. */
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public long sizeCount() {
        return network.parameters().count();
    }

    @Override
    public String sizeUnit() {
        return "parameters";
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int context() {
        return network.config().context();
    }

    @Override
    public synchronized ModelState begin() {
        if (begin == null) {
            begin = cache.read(new int[] {vocabulary.bos()});
        }
        return begin;
    }

    private TransformerState check(ModelState state) {
        if (!(state instanceof TransformerState s) || s.top.length != network.config().model()) {
            throw new IllegalArgumentException("not a state of this transformer model: " + state);
        }
        return s;
    }

    /** ln p of every vocabulary id after the state ({@code <s>} at about −10^6, set to −∞ by callers). */
    private double[] lnProbs(TransformerState s) {
        Tensor logits = backend.zeros(1, network.vocabulary());
        network.logits(backend.of(1, s.top.length, s.top), logits);
        double[] l = logits.toDoubleArray();
        return ExactSoftmax.logSoftmax(l, 0, l.length);
    }

    @Override
    public synchronized Score score(ModelState state, int word) {
        TransformerState s = check(state);
        OutputClasses.of(vocabulary, word);  // refuses <s> and ids outside the vocabulary
        return new Score(lnProbs(s)[word], cache.append(s, word));
    }

    @Override
    public synchronized void nextLnProbs(ModelState state, double[] lnProbs) {
        double[] all = lnProbs(check(state));
        System.arraycopy(all, 0, lnProbs, 0, all.length);
        lnProbs[vocabulary.bos()] = Double.NEGATIVE_INFINITY;
    }

    @Override
    public synchronized double[] scoreSentence(int[] words) {
        return scoreSentences(List.of(words)).get(0);
    }

    /**
     * Scores the sentences in batched forward passes: each sentence's windows (one for a sentence
     * within the context), sorted by length into batches whose positions stay within
     * {@link ScoringChunks#rows} of the vocabulary.
     */
    @Override
    public synchronized List<double[]> scoreSentences(List<int[]> sentences) {
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int[] words : sentences) {
            inputs.add(TransformerTraining.Sequences.inputs(vocabulary, words));
            targets.add(TransformerTraining.Sequences.targets(vocabulary, words));
        }
        return score(inputs, targets);
    }

    /**
     * Scores the sentences as one stream: each sentence's {@code <s>} follows the previous sentence's
     * last word, and the windows slide across sentence boundaries, as a walk of the state API through
     * {@link #nextSentence} reads them.
     */
    @Override
    public synchronized List<double[]> scoreStream(List<int[]> sentences) {
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        int length = 0;
        for (int[] words : sentences) {
            length += words.length + 1;
        }
        int[] in = new int[length];
        int[] out = new int[length];
        int p = 0;
        for (int[] words : sentences) {
            System.arraycopy(TransformerTraining.Sequences.inputs(vocabulary, words), 0, in, p, words.length + 1);
            System.arraycopy(TransformerTraining.Sequences.targets(vocabulary, words), 0, out, p, words.length + 1);
            p += words.length + 1;
        }
        inputs.add(in);
        targets.add(out);
        double[] all = score(inputs, targets).get(0);
        List<double[]> result = new ArrayList<>();
        p = 0;
        for (int[] words : sentences) {
            result.add(Arrays.copyOfRange(all, p, p + words.length + 1));
            p += words.length + 1;
        }
        return result;
    }

    /** ln p of every target of every sequence, read in {@link Windows}. */
    private List<double[]> score(List<int[]> inputs, List<int[]> targets) {
        int context = network.config().context();
        List<double[]> out = new ArrayList<>();
        List<Windows.Window> windows = new ArrayList<>();
        for (int s = 0; s < inputs.size(); s++) {
            out.add(new double[inputs.get(s).length]);
            windows.addAll(Windows.of(s, inputs.get(s).length, context));
        }
        int maxRows = Math.max(context, ScoringChunks.rows(network.vocabulary(), backend));
        for (List<Windows.Window> batch : Windows.batches(windows, maxRows, Integer.MAX_VALUE)) {
            TransformerNetwork.Batch b = Windows.batch(batch, inputs, targets);
            TransformerNetwork.Pass p = network.forward(b, 0, 0, 0);
            double[] lnProbs = ExactSoftmax.rowLnProbs(p.logits, TransformerNetwork.scoredTargets(p));
            for (int i = 0; i < p.scored.length; i++) {
                int row = p.scored[i];
                Windows.Window w = batch.get(row / b.time());
                out.get(w.sequence())[w.from() + row % b.time()] = lnProbs[i];
            }
        }
        return out;
    }

    /** The state after the boundary input {@code <s>} read after the last word: the window carries on. */
    @Override
    public synchronized ModelState nextSentence(ModelState afterLastWord) {
        return cache.append(check(afterLastWord), vocabulary.bos());
    }

    @Override
    public boolean carriesContext() {
        return true;
    }

    @Override
    public synchronized AttentionMaps attention(int[] words) {
        int context = context();
        if (words.length > context - 1) {
            throw new IllegalArgumentException("a sentence of " + words.length + " words does not fit the context of "
                    + context + " positions (<s> and " + (context - 1) + " words); shorten it");
        }
        int[] window = TransformerTraining.Sequences.inputs(vocabulary, words);
        int n = window.length;
        int[] none = new int[n];
        Arrays.fill(none, -1);
        int heads = network.config().heads();
        double[][][][] maps = new double[network.blocks().length][heads][n][n];
        TransformerNetwork.Pass p = network.forward(new TransformerNetwork.Batch(window, 1, n, none), 0, 0, 0);
        for (int l = 0; l < maps.length; l++) {
            double[] w = p.blocks.get(l).attention().weights().toDoubleArray();   // [heads·n, n]
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(w, (h * n + i) * n, maps[l][h][i], 0, n);
                }
            }
        }
        return new AttentionMaps(maps);
    }

    /**
     * Through the attention paths and residual connections: {@code streams} windows of distance + 1
     * positions, the first of each of {@code streams} equal parts of the text read as one stream, the
     * loss of each window's last prediction backpropagated (dropout off) to the input vectors.
     */
    @Override
    public synchronized double[] gradientNormsByDistance(Corpus text, int distance, int streams) {
        int context = context();
        if (distance < 0 || distance >= context) {
            throw new LmkitException("distance " + distance + " is beyond what this transformer can look back: its"
                    + " context holds " + context + " positions, so ask for a distance of at most " + (context - 1));
        }
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be at least 1, got " + streams);
        }
        TransformerTraining.Sequences stream = TransformerTraining.Sequences.asStream(text);
        int[] in = stream.inputs().get(0);
        int[] out = stream.targets().get(0);
        int steps = distance + 1;
        int part = in.length / streams;
        if (part < steps) {
            throw new LmkitException("the text is too short: " + streams + " streams of " + steps
                    + " positions need at least " + (long) streams * steps + " tokens, it has " + in.length);
        }
        int[] inputs = new int[streams * steps];
        int[] targets = new int[inputs.length];
        Arrays.fill(targets, -1);
        for (int n = 0; n < streams; n++) {
            System.arraycopy(in, n * part, inputs, n * steps, steps);
            targets[n * steps + steps - 1] = out[n * part + steps - 1];
        }
        double[] norms = new double[steps];
        TransformerNetwork.Pass p = network.forward(new TransformerNetwork.Batch(inputs, streams, steps, targets),
                0, 0, 0);
        Tensor dLogits = network.workspace().zeros(p.scored.length, network.vocabulary());
        backend.crossEntropy(p.logits, TransformerNetwork.scoredTargets(p), dLogits, null);
        double[] dx = network.backward(p, dLogits, false).toDoubleArray();
        int width = network.config().model();
        for (int n = 0; n < streams; n++) {
            for (int k = 0; k < steps; k++) {
                int row = n * steps + steps - 1 - k;
                double sq = 0;
                for (int d = 0; d < width; d++) {
                    sq += dx[row * width + d] * dx[row * width + d];
                }
                norms[k] += Math.sqrt(sq) / streams;
            }
        }
        return norms;
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            ParameterFiles.write(network.parameters(), o);
        }
    }
}
