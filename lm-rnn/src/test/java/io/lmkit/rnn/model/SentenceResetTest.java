package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.GradientCheck;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import io.lmkit.rnn.cell.RecurrentCell.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentenceReset}: training starts every sentence from a zero state, as scoring does, and
 * its validation is the per-sentence perplexity of the evaluator.
 */
class SentenceResetTest {

    /** {@link RecurrentModelTest#config} with sentenceReset on. */
    static RnnConfig config(int epochs) {
        return config(epochs, true);
    }

    /** {@link RecurrentModelTest#config} with sentenceReset as given. */
    static RnnConfig config(int epochs, boolean sentenceReset) {
        RnnConfig c = RecurrentModelTest.config(epochs);
        return new RnnConfig(c.embedding(), c.hidden(), c.layers(), c.tied(), c.activation(), c.dropout(),
                c.forgetBias(), c.initScale(), c.batchSize(), c.bptt(), c.epochs(), c.optimizer(), c.learningRate(),
                c.schedule(), c.clipNorm(), c.patience(), c.maxMinutes(), c.validateEvery(), c.backend(), c.threads(),
                c.checkpoint(), c.checkpointMinutes(), c.resume(), sentenceReset);
    }

    /** Validation sentences of 1 to 9 words (some unknown), so rows of whole sentences need padding. */
    static final Corpus UNEVEN = uneven();

    private static Corpus uneven() {
        String[] words = {"the", "cat", "dog", "sat", "on", "mat", ".", "a", "tree", "zebra"};
        Random r = new Random(11);
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 0, n = 1 + r.nextInt(9); j < n; j++) {
                s.add(words[r.nextInt(words.length)]);
            }
            sentences.add(s);
        }
        return Corpus.of(RecurrentModelTest.TRAIN.vocabulary(), sentences);
    }

    @Test
    void streamsMarkWhereEverySentenceStarts() {
        Corpus c = RecurrentModelTest.TRAIN.slice(0, 3);
        RnnTraining.Streams s = new RnnTraining.Streams(c, 1);
        int second = c.sentenceLength(0) + 1;
        assertTrue(s.starts[0] && s.starts[second]);
        assertEquals(c.vocabulary().bos(), s.inputs[second]);
        for (int p = 0; p < s.length; p++) {
            assertEquals(s.inputs[p] == c.vocabulary().bos(), s.starts[p], "position " + p);
        }
        // Rows of whole sentences: every sentence once, each row starting with one.
        RnnTraining.Streams whole = RnnTraining.Streams.bySentence(UNEVEN, 4);
        assertEquals(4, whole.batch);
        assertEquals(UNEVEN.tokenCount(), Arrays.stream(whole.targets).filter(t -> t >= 0).count());
        for (int b = 0; b < whole.batch; b++) {
            assertTrue(whole.starts[b * whole.length], "row " + b);
        }
    }

    @Test
    void backpropagationStopsExactlyAtASentenceStartInsideTheSegment() {
        int[] inputs = {1, 4, 3, 1, 1, 3, 6, 2};   // time-major, 4 steps of 2 streams; <s> = 1
        int[] targets = {2, 4, 1, 3, 0, 5, 2, 1};
        boolean[] resets = {false, false, false, true, true, false, false, false};
        for (CellKind kind : CellKind.values()) {
            for (double dropout : new double[] {0, 0.3}) {
                RnnConfig config = RecurrentGradientTest.config(2, Activation.TANH, dropout);
                ComputeBackend backend = new ReferenceBackend();
                RecurrentNetwork net = new RecurrentNetwork(backend, kind, 7, 6, config, 3);
                State[] initial = carried(backend, net);
                GradientCheck.Result r = GradientCheck.check(net.parameters(), () -> {
                    net.parameters().zeroGradients();
                    RecurrentNetwork.Segment s = net.forward(inputs, resets, 4, 2, initial, dropout, 77);
                    return net.backward(s, targets);
                }, 1e-6, 40, 9);
                assertTrue(r.maxRelativeError() < 1e-5, kind + " dropout " + dropout + ": " + r);
            }
        }
    }

    @Test
    void aResetStreamContinuesAsIfItStartedFromZero() {
        ComputeBackend backend = new ReferenceBackend();
        RecurrentNetwork net = new RecurrentNetwork(backend, CellKind.LSTM, 7, 6,
                RecurrentGradientTest.config(2, Activation.TANH, 0), 3);
        // Stream 0 is reset at step 1: from there on it must match a run of those inputs from zero.
        RecurrentNetwork.Segment reset = net.forward(new int[] {4, 5, 1, 1, 3, 6}, new boolean[] {false, false,
                true, false, false, false}, 3, 2, carried(backend, net), 0, 0);
        RecurrentNetwork.Segment fresh = net.forward(new int[] {1, 3}, 2, 1, net.zeroStates(1), 0, 0);
        double[] a = reset.logits.toDoubleArray();
        double[] b = fresh.logits.toDoubleArray();
        int k = 6;
        assertArrayEquals(Arrays.copyOfRange(b, 0, k), Arrays.copyOfRange(a, 2 * k, 3 * k), 0.0);
        assertArrayEquals(Arrays.copyOfRange(b, k, 2 * k), Arrays.copyOfRange(a, 4 * k, 5 * k), 0.0);
    }

    @Test
    void validationDuringTrainingIsThePerSentencePerplexityOfTheTrainedModel() {
        for (CellKind kind : new CellKind[] {CellKind.GRU, CellKind.LSTM}) {
            validatesPerSentence(kind, true);
        }
    }

    @Test
    void carriedStateTrainingAlsoValidatesEachSentenceFromAZeroState() {
        validatesPerSentence(CellKind.LSTM, false);
    }

    private static void validatesPerSentence(CellKind kind, boolean sentenceReset) {
        RecurrentProvider provider = kind == CellKind.GRU ? new GruProvider() : new LstmProvider();
        List<Double> validated = new ArrayList<>();
        LanguageModel model = provider.trainer().train(new TrainingData(RecurrentModelTest.TRAIN,
                Optional.of(UNEVEN)), config(2, sentenceReset), 5, event -> {
                    if (event instanceof TrainingEvent.Validated v) {
                        validated.add(v.validPerplexity());
                    }
                });
        // The trained model keeps the best validated parameters.
        double duringTraining = validated.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double evaluated = new PerplexityEvaluator().evaluate(model, UNEVEN).perplexity();
        // The reference backend computes ln p in float64, as the evaluator does (simd: float32 exponentials).
        assertEquals(evaluated, duringTraining, 1e-9 * evaluated, kind.name() + " sentenceReset=" + sentenceReset);
    }

    @Test
    void resumingMidEpochWithSentenceResetGivesTheUninterruptedModel(@TempDir Path dir) {
        RnnConfig config = config(2);
        TrainingOptions full = RecurrentProvider.options(config, 3);
        RnnTraining a = training(config);
        TrainingLoop.run(a, full, TrainingListener.NONE);

        Path checkpoint = dir.resolve("rnn.ckpt");
        RnnTraining b = training(config);
        TrainingLoop.run(b, new TrainingOptions(2, full.optimizer(), full.schedule(), full.clipNorm(), 0, 0,
                full.patience(), 1e-9, 0, Optional.of(checkpoint), 1e-12, false, 3), TrainingListener.NONE);
        RnnTraining c = training(config);
        TrainingLoop.run(c, new TrainingOptions(2, full.optimizer(), full.schedule(), full.clipNorm(), 0, 0,
                full.patience(), 0, 0, Optional.of(checkpoint), 1e-12, true, 3), TrainingListener.NONE);
        a.parameters().all().forEach(p -> assertArrayEquals(p.value().toDoubleArray(),
                c.parameters().get(p.name()).value().toDoubleArray(), 0.0, p.name()));
    }

    private static RnnTraining training(RnnConfig config) {
        RecurrentNetwork net = new RecurrentNetwork(new ReferenceBackend(), CellKind.LSTM,
                RecurrentModelTest.TRAIN.vocabulary().size(), RecurrentModelTest.TRAIN.vocabulary().predictedCount(),
                config, 3);
        return new RnnTraining(net, new RnnTraining.Streams(RecurrentModelTest.TRAIN, config.batchSize()),
                RnnTraining.Streams.bySentence(UNEVEN, config.batchSize()), config.bptt(), 0, true);
    }

    private static State[] carried(ComputeBackend backend, RecurrentNetwork net) {
        State[] s = net.zeroStates(2);
        for (int l = 0; l < s.length; l++) {
            double[] h = new double[8];
            for (int i = 0; i < h.length; i++) {
                h[i] = 0.1 * (i - 3) + 0.05 * l;
            }
            s[l] = new State(backend.of(2, 4, h), s[l].c() == null ? null : backend.of(2, 4, h));
        }
        return s;
    }
}
