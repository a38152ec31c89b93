package io.lmkit.rnn.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.neural.train.TrainableModel;
import io.lmkit.rnn.cell.RecurrentCell.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Truncated BPTT in Mikolov's and Zaremba's setting: the corpus as one stream ({@code <s>} w1 …
 * wn per sentence as inputs, w1 … wn {@code </s>} as targets), cut into B rows read in parallel,
 * and each row into segments of {@code bptt} steps. The hidden state is carried from one segment
 * to the next (and across sentences), but gradients stop at each segment's start. Segments are
 * visited in order; the carried state starts at zero with each epoch. With {@code sentenceReset}
 * the state of a row is instead set to zero before every sentence's {@code <s>}, as when a
 * sentence is scored on its own, and gradients stop there too. Validation always scores each
 * sentence from a zero state.
 *
 * <p>Made by {@link RecurrentProvider#training}, for a loop or a measurement of one's own over the steps that
 * {@link RecurrentProvider#trainer()} runs under lm-neural's {@code TrainingLoop}. Close it when done: that
 * frees the scratch tensors its steps reuse (the network and its backend stay the caller's).
 */
public final class RnnTraining implements TrainableModel<Integer>, AutoCloseable {

    private final RecurrentNetwork network;
    private final Streams train;
    private final Streams valid;
    private final int bptt;
    private final double dropout;
    private final boolean sentenceReset;
    private State[] carried;
    /** Whether a step reuses the tensors of the step before (false only to test that this changes nothing). */
    boolean reuseTensors = true;

    /**
     * A corpus as B parallel rows of (input, target) pairs, with the positions where a sentence
     * starts (its {@code <s>} input). A target below zero is padding, scored by nothing.
     */
    static final class Streams {
        final int batch;
        final int length;
        final int[] inputs;
        final int[] targets;
        final boolean[] starts;

        /** The corpus as one stream cut into {@code batch} rows (the last n mod B tokens are dropped). */
        Streams(Corpus corpus, int batch) {
            Vocabulary v = corpus.vocabulary();
            int n = (int) corpus.tokenCount();
            int[] in = new int[n];
            int[] out = new int[n];
            boolean[] start = new boolean[n];
            int p = 0;
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                int[] words = corpus.sentence(s);
                for (int i = 0; i <= words.length; i++, p++) {
                    in[p] = i == 0 ? v.bos() : words[i - 1];
                    out[p] = OutputClasses.of(v, i < words.length ? words[i] : v.eos());
                    start[p] = i == 0;
                }
            }
            this.batch = Math.max(1, Math.min(batch, n));
            this.length = n / this.batch;
            this.inputs = in;
            this.targets = out;
            this.starts = start;
        }

        private Streams(int batch, int length, int[] inputs, int[] targets, boolean[] starts) {
            this.batch = batch;
            this.length = length;
            this.inputs = inputs;
            this.targets = targets;
            this.starts = starts;
        }

        /**
         * Every sentence of the corpus whole in one of {@code batch} rows (each sentence goes to the
         * shortest row so far), the rows padded to the longest: with a reset at every sentence
         * start, scoring these rows scores each sentence exactly as from {@code <s>} on its own.
         */
        static Streams bySentence(Corpus corpus, int batch) {
            List<int[]> sentences = new ArrayList<>(corpus.sentenceCount());
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                sentences.add(corpus.sentence(s));
            }
            SentenceRows rows = SentenceRows.pack(corpus.vocabulary(), sentences, batch);
            return new Streams(rows.count(), rows.length(), rows.inputs, rows.targets, rows.starts);
        }

        /** Steps of segment {@code s} of {@code bptt} steps. */
        int steps(int s, int bptt) {
            return Math.min(bptt, length - s * bptt);
        }

        int segments(int bptt) {
            return (length + bptt - 1) / bptt;
        }

        /** Time-major ids of a segment: element t·B + b is row b at step s·bptt + t. */
        int[] slice(int[] source, int s, int bptt) {
            int steps = steps(s, bptt);
            int[] out = new int[steps * batch];
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    out[t * batch + b] = source[b * length + s * bptt + t];
                }
            }
            return out;
        }

        /** Time-major sentence starts of a segment, like {@link #slice}. */
        boolean[] startsOf(int s, int bptt) {
            int steps = steps(s, bptt);
            boolean[] out = new boolean[steps * batch];
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    out[t * batch + b] = starts[b * length + s * bptt + t];
                }
            }
            return out;
        }
    }

    RnnTraining(RecurrentNetwork network, Streams train, Streams valid, int bptt, double dropout) {
        this(network, train, valid, bptt, dropout, false);
    }

    /**
     * @param valid         the validation sentences, best as {@link Streams#bySentence} so that every
     *                      sentence is scored whole, as perplexity evaluation does
     * @param sentenceReset reset each training stream's state at every sentence start
     */
    RnnTraining(RecurrentNetwork network, Streams train, Streams valid, int bptt, double dropout,
                boolean sentenceReset) {
        this.network = network;
        this.train = train;
        this.valid = valid;
        this.bptt = bptt;
        this.dropout = dropout;
        this.sentenceReset = sentenceReset;
    }

    /** The network being trained. */
    RecurrentNetwork network() {
        return network;
    }

    /** Frees the scratch tensors the steps reuse; the network keeps its parameters and can still score. */
    @Override
    public void close() {
        network.workspace().close();
    }

    @Override
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public List<Integer> batches(int epoch, SplittableRandom random) {
        List<Integer> segments = new ArrayList<>();
        for (int s = 0; s < train.segments(bptt); s++) {
            segments.add(s);
        }
        return segments;
    }

    @Override
    public long tokens(Integer segment) {
        return (long) train.steps(segment, bptt) * train.batch;
    }

    @Override
    public double trainStep(Integer segment, long dropoutSeed) {
        if (segment == 0 || carried == null) {
            carried = network.zeroStates(train.batch);
        }
        if (!reuseTensors) {
            return step(segment, dropoutSeed);
        }
        // The step's tensors are lent for the step only; the next step gets the same ones back.
        try (Workspace.Scope scope = network.workspace().open()) {
            return step(segment, dropoutSeed);
        }
    }

    /** Forward and backward over one segment; the final state is copied into the carried one. */
    private double step(int segment, long dropoutSeed) {
        RecurrentNetwork.Segment s = network.forward(train.slice(train.inputs, segment, bptt),
                sentenceReset ? train.startsOf(segment, bptt) : null, train.steps(segment, bptt), train.batch,
                carried, dropout, dropoutSeed);
        double loss = network.backward(s, train.slice(train.targets, segment, bptt));
        network.copyStates(s.finals, carried);
        return loss;
    }

    /**
     * The per-sentence perplexity, as the comparison table and {@code lmkit eval} measure it: every
     * sentence from a zero state (the valid streams come from {@link Streams#bySentence}, or mark
     * where each sentence starts), padding skipped, whichever way training treats the state. Each
     * ln p(target) is the backend's (float32 exponentials on simd, summed in float64), not
     * {@link RecurrentModel#scoreSentence}'s float64 log-softmax: that one costs a scalar exp for
     * every class of every token, which made each pass over a 200,000-token split take about 20 s,
     * while the two agree to about six digits.
     */
    @Override
    public double validationPerplexity() {
        State[] state = network.zeroStates(valid.batch);
        double total = 0;
        long count = 0;
        for (int s = 0; s < valid.segments(bptt); s++) {
            RecurrentNetwork.Segment seg = network.forward(valid.slice(valid.inputs, s, bptt), valid.startsOf(s, bptt),
                    valid.steps(s, bptt), valid.batch, state, 0, 0);
            int[] targets = valid.slice(valid.targets, s, bptt);
            int[] scored = new int[targets.length];
            for (int r = 0; r < targets.length; r++) {
                scored[r] = Math.max(0, targets[r]); // padding scores class 0, and is then left out
            }
            double[] lnProbs = new double[targets.length];
            network.backend().crossEntropy(seg.logits, scored, null, lnProbs);
            for (int r = 0; r < targets.length; r++) {
                if (targets[r] >= 0) {
                    total += lnProbs[r];
                    count++;
                }
            }
            state = seg.finals;
        }
        return Math.exp(-total / count);
    }

    @Override
    public int classes() {
        return network.classes();
    }

    @Override
    public Map<String, double[]> carriedState() {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (carried != null) {
            for (int l = 0; l < carried.length; l++) {
                out.put("h" + l, carried[l].h().toDoubleArray());
                if (carried[l].c() != null) {
                    out.put("c" + l, carried[l].c().toDoubleArray());
                }
            }
        }
        return out;
    }

    @Override
    public void restoreCarriedState(Map<String, double[]> state) {
        if (state.isEmpty()) {
            carried = null;
            return;
        }
        carried = new State[network.layers()];
        for (int l = 0; l < carried.length; l++) {
            Tensor h = network.backend().of(train.batch, network.hidden(), state.get("h" + l));
            Tensor c = state.containsKey("c" + l) ? network.backend().of(train.batch, network.hidden(), state.get("c" + l))
                    : null;
            carried[l] = new State(h, c);
        }
    }
}
