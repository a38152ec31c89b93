package io.lmkit.transformer.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.param.ParameterStore;
import io.lmkit.neural.train.TrainableModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Transformer's training under lm-neural's {@code TrainingLoop}. Under the sentence protocol
 * ({@code sentenceReset}, the default) every sentence is a sequence {@code <s>} w1 … wn predicting
 * w1 … wn {@code </s>}, read in the {@link Windows} that scoring uses, and the windows are packed
 * into batches of similar length (sorted by length, so a batch pads little) of at most
 * {@code batchSize} windows; under the stream protocol the corpus is one such sequence, cut into
 * consecutive windows of {@code context} positions that cross sentence boundaries, every position
 * trained. The batches of an epoch come in an order drawn from the loop's random. Validation scores
 * every sentence on its own, as perplexity evaluation does.
 *
 * <p>Close it when done (it frees whatever scratch tensors the network's workspace holds).
 */
public final class TransformerTraining implements TrainableModel<Integer>, AutoCloseable {

    private final TransformerNetwork network;
    private final Sequences train;
    private final List<List<Windows.Window>> trainBatches;
    private final Sequences valid;
    private final List<List<Windows.Window>> validBatches;
    private final double dropout;
    private final double attentionDropout;

    /** Sequences of inputs and their targets (word ids). */
    record Sequences(List<int[]> inputs, List<int[]> targets) {

        /** Every sentence of the corpus as its own sequence. */
        static Sequences bySentence(Corpus corpus) {
            List<int[]> in = new ArrayList<>();
            List<int[]> out = new ArrayList<>();
            Vocabulary v = corpus.vocabulary();
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                int[] words = corpus.sentence(s);
                in.add(inputs(v, words));
                out.add(targets(v, words));
            }
            return new Sequences(in, out);
        }

        /** The corpus as one stream: each sentence's {@code <s>} follows the previous sentence's last word. */
        static Sequences asStream(Corpus corpus) {
            Vocabulary v = corpus.vocabulary();
            int[] in = new int[(int) corpus.tokenCount()];
            int[] out = new int[in.length];
            int p = 0;
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                int[] words = corpus.sentence(s);
                System.arraycopy(inputs(v, words), 0, in, p, words.length + 1);
                System.arraycopy(targets(v, words), 0, out, p, words.length + 1);
                p += words.length + 1;
            }
            return new Sequences(List.of(in), List.of(out));
        }

        static int[] inputs(Vocabulary v, int[] words) {
            int[] in = new int[words.length + 1];
            in[0] = v.bos();
            System.arraycopy(words, 0, in, 1, words.length);
            return in;
        }

        static int[] targets(Vocabulary v, int[] words) {
            int[] out = new int[words.length + 1];
            for (int i = 0; i < words.length; i++) {
                OutputClasses.of(v, words[i]);  // refuses <s> and ids outside the vocabulary
                out[i] = words[i];
            }
            out[words.length] = v.eos();
            return out;
        }

        /** Every sequence's windows, as scoring reads them. */
        List<Windows.Window> windows(int context) {
            List<Windows.Window> all = new ArrayList<>();
            for (int s = 0; s < inputs.size(); s++) {
                all.addAll(Windows.of(s, inputs.get(s).length, context));
            }
            return all;
        }
    }

    TransformerTraining(TransformerNetwork network, Corpus train, Corpus valid) {
        TransformerConfig c = network.config();
        this.network = network;
        this.dropout = c.dropout();
        this.attentionDropout = c.attentionDropout();
        if (c.sentenceReset()) {
            this.train = Sequences.bySentence(train);
            this.trainBatches = Windows.batches(this.train.windows(c.context()), c.batchSize() * c.context(),
                    c.batchSize());
        } else {
            this.train = Sequences.asStream(train);
            int length = this.train.inputs().get(0).length;
            List<List<Windows.Window>> batches = new ArrayList<>();
            List<Windows.Window> current = new ArrayList<>();
            for (int from = 0; from < length; from += c.context()) {
                current.add(new Windows.Window(0, from, Math.min(c.context(), length - from), 0));
                if (current.size() == c.batchSize()) {
                    batches.add(current);
                    current = new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                batches.add(current);
            }
            this.trainBatches = batches;
        }
        this.valid = Sequences.bySentence(valid);
        this.validBatches = Windows.batches(this.valid.windows(c.context()), 4 * c.batchSize() * c.context(),
                Integer.MAX_VALUE);
    }

    /** The network being trained. */
    TransformerNetwork network() {
        return network;
    }

    @Override
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public List<Integer> batches(int epoch, SplittableRandom random) {
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < trainBatches.size(); b++) {
            order.add(b);
        }
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        return order;
    }

    @Override
    public long tokens(Integer batch) {
        long n = 0;
        for (Windows.Window w : trainBatches.get(batch)) {
            n += w.length() - w.scored();
        }
        return n;
    }

    @Override
    public double trainStep(Integer batch, long dropoutSeed) {
        // New tensors every step: batch shapes vary, see TransformerNetwork.
        TransformerNetwork.Batch b = Windows.batch(trainBatches.get(batch), train.inputs(), train.targets());
        return network.backward(network.forward(b, dropout, attentionDropout, dropoutSeed));
    }

    /**
     * The per-sentence perplexity of the validation sentences, each read from its own {@code <s>}:
     * ln p from the backend's cross-entropy (float32 on simd, summed in float64).
     */
    @Override
    public double validationPerplexity() {
        double total = 0;
        long count = 0;
        for (List<Windows.Window> windows : validBatches) {
            TransformerNetwork.Batch b = Windows.batch(windows, valid.inputs(), valid.targets());
            TransformerNetwork.Pass p = network.forward(b, 0, 0, 0);
            double[] lnProbs = new double[p.scored.length];
            network.backend().crossEntropy(p.logits, TransformerNetwork.scoredTargets(p), null, lnProbs);
            for (double lp : lnProbs) {
                total += lp;
            }
            count += lnProbs.length;
        }
        return Math.exp(-total / count);
    }

    @Override
    public int classes() {
        return network.vocabulary() - 1;
    }

    /** Frees the scratch tensors the steps reuse; the network keeps its parameters and can still score. */
    @Override
    public void close() {
        network.workspace().close();
    }
}
