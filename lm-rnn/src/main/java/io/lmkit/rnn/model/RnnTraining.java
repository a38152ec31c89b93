package io.lmkit.rnn.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Tensor;
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
 * visited in order; the carried state starts at zero with each epoch.
 */
final class RnnTraining implements TrainableModel<Integer> {

    private final RecurrentNetwork network;
    private final Streams train;
    private final Streams valid;
    private final int bptt;
    private final double dropout;
    private State[] carried;

    /** A corpus as B parallel rows of (input, target) pairs. */
    static final class Streams {
        final int batch;
        final int length;
        final int[] inputs;
        final int[] targets;

        Streams(Corpus corpus, int batch) {
            Vocabulary v = corpus.vocabulary();
            int n = (int) corpus.tokenCount();
            int[] in = new int[n];
            int[] out = new int[n];
            int p = 0;
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                int[] words = corpus.sentence(s);
                for (int i = 0; i <= words.length; i++, p++) {
                    in[p] = i == 0 ? v.bos() : words[i - 1];
                    out[p] = OutputClasses.of(v, i < words.length ? words[i] : v.eos());
                }
            }
            this.batch = Math.max(1, Math.min(batch, n));
            this.length = n / this.batch;
            this.inputs = in;
            this.targets = out;
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
    }

    RnnTraining(RecurrentNetwork network, Streams train, Streams valid, int bptt, double dropout) {
        this.network = network;
        this.train = train;
        this.valid = valid;
        this.bptt = bptt;
        this.dropout = dropout;
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
        RecurrentNetwork.Segment s = network.forward(train.slice(train.inputs, segment, bptt),
                train.steps(segment, bptt), train.batch, carried, dropout, dropoutSeed);
        double loss = network.backward(s, train.slice(train.targets, segment, bptt));
        carried = s.finals;
        return loss;
    }

    @Override
    public double validationPerplexity() {
        State[] state = network.zeroStates(valid.batch);
        double total = 0;
        long count = 0;
        for (int s = 0; s < valid.segments(bptt); s++) {
            RecurrentNetwork.Segment seg = network.forward(valid.slice(valid.inputs, s, bptt), valid.steps(s, bptt),
                    valid.batch, state, 0, 0);
            int[] targets = valid.slice(valid.targets, s, bptt);
            total += network.backend().crossEntropy(seg.logits, targets, null, null);
            count += targets.length;
            state = seg.finals;
        }
        return Math.exp(total / count);
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
