package io.lmkit.rnn.model;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.inspect.GradientFlowSource;
import io.lmkit.neural.output.ExactSoftmax;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.output.ScoringChunks;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.rnn.cell.RecurrentCell.State;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A recurrent language model (Elman RNN, LSTM or GRU) as a {@link LanguageModel}: the state is
 * the hidden state of every layer after {@code <s>} and the words so far, and a sentence is scored
 * as unrolled segments of at most {@link #chunkRows} steps, each starting from the state the last
 * one ended in (so a sentence of any length needs a bounded [steps × classes] logits matrix). The distribution is the log-softmax of the backend's logits taken in
 * float64, so it sums to 1 to double precision on any backend. Calls are serialised.
 *
 * <p>As a {@link GradientFlowSource} it measures the norm of d(L_t)/d(h_(t−k)), the top layer's
 * hidden state k steps back (see {@link io.lmkit.neural.inspect.GradientFlow}).
 */
public final class RecurrentModel implements LanguageModel, Sized, GradientFlowSource {

    static final String DATA_ENTRY = "recurrent.bin";

    private final Vocabulary vocabulary;
    private final RecurrentNetwork network;
    private final ComputeBackend backend;
    private RecurrentState begin;
    /** Steps per unrolled segment of {@link #scoreSentence}; tests force a small one. */
    int chunkRows;
    /** Parts of {@link #scoreStream} (0: by the stream's length); tests force some. */
    int streamParts;
    /** Unscored tokens before each stream part after the first; tests change it. */
    int warmupTokens = StreamRows.WARMUP_TOKENS;

    RecurrentModel(Vocabulary vocabulary, RecurrentNetwork network) {
        this.vocabulary = vocabulary;
        this.network = network;
        this.backend = network.backend();
        this.chunkRows = ScoringChunks.rows(network.classes(), backend);
    }

    RecurrentNetwork network() {
        return network;
    }

    /**
     * The mean norm of d(L_t)/d(h_(t−k)) for k = 0…{@code distance}: {@code streams} places spread
     * over {@code text}, each a segment of distance + 1 steps from a zero state, the loss of its last
     * prediction backpropagated through time.
     *
     * @throws LmkitException when the text is too short for the streams
     */
    @Override
    public synchronized double[] gradientNormsByDistance(Corpus text, int distance, int streams) {
        if (distance < 1 || streams < 1) {
            throw new IllegalArgumentException("distance and streams must be at least 1");
        }
        RnnTraining.Streams s = new RnnTraining.Streams(text, streams);
        if (s.length < distance + 1) {
            throw new LmkitException("the text is too short: " + streams + " streams of " + (distance + 1)
                    + " steps need at least " + (long) streams * (distance + 1) + " tokens, it has "
                    + text.tokenCount());
        }
        int steps = distance + 1;
        RecurrentNetwork.Segment seg = network.forward(s.slice(s.inputs, 0, steps), steps, s.batch,
                network.zeroStates(s.batch), 0, 0);
        return network.gradientNormsByDistance(seg, s.slice(s.targets, 0, steps));
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
    public synchronized ModelState begin() {
        if (begin == null) {
            begin = toState(network.step(network.zeroStates(1), vocabulary.bos()));
        }
        return begin;
    }

    private RecurrentState check(ModelState state) {
        if (!(state instanceof RecurrentState s) || s.h.length != network.layers()) {
            throw new IllegalArgumentException("not a state of this recurrent model: " + state);
        }
        return s;
    }

    private RecurrentState toState(State[] states) {
        double[][] h = new double[states.length][];
        double[][] c = new double[states.length][];
        for (int l = 0; l < states.length; l++) {
            h[l] = states[l].h().toDoubleArray();
            c[l] = states[l].c() == null ? new double[0] : states[l].c().toDoubleArray();
        }
        return new RecurrentState(h, c);
    }

    private State[] fromState(RecurrentState s) {
        State[] states = new State[s.h.length];
        for (int l = 0; l < states.length; l++) {
            states[l] = new State(backend.of(1, s.h[l].length, s.h[l]),
                    network.hasMemory() ? backend.of(1, s.c[l].length, s.c[l]) : null);
        }
        return states;
    }

    /** The next-word log-softmax over the classes, in float64, from the top layer's output. */
    private double[] classLnProbs(RecurrentState s) {
        double[] top = s.h[s.h.length - 1];
        double[] logits = network.logits(backend.of(1, top.length, top)).toDoubleArray();
        return ExactSoftmax.logSoftmax(logits, 0, logits.length);
    }

    @Override
    public synchronized Score score(ModelState state, int word) {
        RecurrentState s = check(state);
        double lnP = classLnProbs(s)[OutputClasses.of(vocabulary, word)];
        return new Score(lnP, toState(network.step(fromState(s), word)));
    }

    @Override
    public synchronized void nextLnProbs(ModelState state, double[] lnProbs) {
        double[] classes = classLnProbs(check(state));
        for (int c = 0; c < classes.length; c++) {
            lnProbs[OutputClasses.id(vocabulary, c)] = classes[c];
        }
        lnProbs[vocabulary.bos()] = Double.NEGATIVE_INFINITY;
    }

    @Override
    public synchronized double[] scoreSentence(int[] words) {
        int steps = words.length + 1;
        double[] out = new double[steps];
        State[] state = network.zeroStates(1);
        for (int from = 0; from < steps; from += chunkRows) {
            int n = Math.min(chunkRows, steps - from);
            int[] inputs = new int[n];
            for (int t = 0; t < n; t++) {
                inputs[t] = from + t == 0 ? vocabulary.bos() : words[from + t - 1];
            }
            // The segment starts from the state the previous one ended in: the same recurrence as one segment.
            RecurrentNetwork.Segment seg = network.forward(inputs, n, 1, state, 0, 0);
            int[] targets = new int[n];
            for (int t = 0; t < n; t++) {
                int i = from + t;
                targets[t] = OutputClasses.of(vocabulary, i < words.length ? words[i] : vocabulary.eos());
            }
            System.arraycopy(ExactSoftmax.rowLnProbs(seg.logits, targets), 0, out, from, n);  // logits [n, K]
            state = seg.finals;
        }
        return out;
    }

    /**
     * Scores the sentences many at a time: they are packed whole into rows (longest first, each into
     * the row with the fewest tokens so far), the rows run side by side as one [steps × rows] batch with the
     * state set to zero at every sentence's {@code <s>}, and the output layer runs on the real tokens
     * only, in full batches whose logits stay within {@link ScoringChunks#BYTES_PER_CHUNK} (see
     * {@link ScoredRows}). Every row of every matrix product is computed as it is for a batch of one,
     * so each number equals {@link #scoreSentence}'s.
     */
    @Override
    public synchronized List<double[]> scoreSentences(List<int[]> sentences) {
        return score(SentenceRows.packLongestFirst(vocabulary, sentences, maxRows()));
    }

    /**
     * Scores the sentences as one stream, the state carried across sentence boundaries (the
     * boundary input is {@code <s>}, see {@link StreamRows}): the stream is cut into up to
     * {@link #maxRows()} contiguous parts of at least {@link StreamRows#MIN_PART_TOKENS} tokens run
     * side by side; the first part equals a state-API walk over the stream exactly, every other
     * part starts from a zero state {@link StreamRows#WARMUP_TOKENS} unscored tokens before its first.
     */
    @Override
    public synchronized List<double[]> scoreStream(List<int[]> sentences) {
        long tokens = 0;
        for (int[] words : sentences) {
            tokens += words.length + 1;
        }
        int parts = streamParts > 0 ? streamParts : StreamRows.parts(tokens, maxRows());
        return score(StreamRows.cut(vocabulary, sentences, parts, warmupTokens));
    }

    /** The state after the boundary input {@code <s>}, fed to the state after the last word: no reset. */
    @Override
    public synchronized ModelState nextSentence(ModelState afterLastWord) {
        return toState(network.step(fromState(check(afterLastWord)), vocabulary.bos()));
    }

    @Override
    public boolean carriesContext() {
        return true;
    }

    private int maxRows() {
        return Math.max(1, chunkRows / MIN_STEPS);
    }

    /**
     * Runs the rows side by side in segments of at least {@link #MIN_STEPS} steps, the state carried
     * from segment to segment (and reset where the rows say); the top layer's outputs of the scored
     * steps (padding left out) go to the output layer in batches of {@link #chunkRows}, so its matrix
     * product always has as many rows as the logits bound allows. Every row of every matrix product
     * is computed as for a batch of one.
     */
    private List<double[]> score(ScoringRows rows) {
        int steps = Math.max(MIN_STEPS, chunkRows / rows.count());
        State[] state = network.zeroStates(rows.count());
        try (ScoredRows scored = new ScoredRows(network, rows, chunkRows)) {
            for (int from = 0; from < rows.length(); from += steps) {
                int n = Math.min(steps, rows.length() - from);
                SentenceRows.Segment segment = rows.segment(from, n);
                // A segment's activations are lent by the workspace, so segments of one shape allocate nothing;
                // the state that outlives the segment is copied out first.
                try (Workspace.Scope scope = network.workspace().open()) {
                    RecurrentNetwork.Segment seg = network.forwardTop(segment.inputs(), segment.resets(), n,
                            rows.count(), state, 0, 0);
                    scored.add(seg.top, segment.targets(), from);
                    network.copyStates(seg.finals, state);
                }
            }
            try (Workspace.Scope scope = network.workspace().open()) {
                scored.flush();
            }
        } finally {
            network.workspace().close(); // a loaded model keeps no scratch memory between calls
        }
        return rows.results();
    }

    /** Steps a segment of {@link #scoreSentences} runs at least, so the rows never outnumber a useful length. */
    private static final int MIN_STEPS = 8;

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            ParameterFiles.write(network.parameters(), o);
        }
    }
}
