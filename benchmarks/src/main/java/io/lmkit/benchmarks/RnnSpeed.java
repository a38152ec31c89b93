package io.lmkit.benchmarks;

import io.lmkit.benchmarks.report.MeasuredCeiling;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Backends;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark command behind the RNN speed row of BENCHMARKS.md: the configuration a Java user
 * would otherwise run in DeepLearning4j (embedding 200, one LSTM layer of 200, softmax over 10,000
 * words, batch 20, truncated BPTT 35, Adam), trained by lmkit and by DL4J 1.0.0-M2.1 on the same
 * random token stream in one run, plus lmkit's scoring speed. Run (DL4J wants one OpenMP thread):
 * {@code OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.RnnSpeed [seconds]}.
 */
public final class RnnSpeed {

    /** The one backend registry of this run: the trainers and the report choose from the same providers. */
    private static final Backends BACKENDS = Backends.discover(RnnSpeed.class.getClassLoader());

    private static final int VOCABULARY = 10_000;
    private static final int EMBEDDING = 200;
    private static final int HIDDEN = 200;
    private static final int BATCH = 20;
    private static final int BPTT = 35;

    private RnnSpeed() {
    }

    /**
     * Trains lmkit for one epoch of a random 400,000-token stream (stopped after the given seconds, default 60,
     * if not done by then) and DL4J for the given seconds on one random batch, and prints their tokens/s.
     */
    public static void main(String[] args) {
        args = CleanCheckout.require("RnnSpeed", args);
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        if (args.length > 1 && args[1].equals("dl4j")) {
            System.out.printf(Locale.ROOT, "DL4J: %.0f tokens/s%n", dl4jTokensPerSecond(seconds));
            return;
        }
        Corpus corpus = randomCorpus(400_000, 1);
        Corpus valid = randomCorpus(2_000, 2, corpus.vocabulary());
        double lmkit = lmkitTokensPerSecond(corpus, valid, seconds);
        double scoring = lmkitScoringTokensPerSecond(corpus, valid);
        double dl4j = dl4jTokensPerSecond(seconds);
        // Forward FLOPs per token: input projection 2·E·4H, recurrence 2·H·4H, softmax 2·H·V; backward about twice.
        double flops = 3 * (2.0 * EMBEDDING * 4 * HIDDEN + 2.0 * HIDDEN * 4 * HIDDEN + 2.0 * HIDDEN * VOCABULARY);
        System.out.print(speedTable(BACKENDS.choose(Optional.empty()).name(), lmkit, dl4j, flops,
                MeasuredCeiling.recorded()));
        System.out.printf(Locale.ROOT, "lmkit / DL4J = %.1fx; lmkit scoring (state API, one sentence at a time): %.0f"
                + " tokens/s%n", lmkit / dl4j, scoring);
    }

    /**
     * The speed table: each trainer's tokens per second, GFLOP/s, and share of the ceiling FmaCeiling measured on
     * this machine when it is recorded ("unmeasured" otherwise), then a line naming that ceiling.
     */
    static String speedTable(String backend, double lmkit, double dl4j, double flopsPerToken,
                             Optional<MeasuredCeiling> ceiling) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%n| trainer | training tokens/s | GFLOP/s | share of the measured ceiling |%n"));
        out.append(String.format(Locale.ROOT, "|---|---:|---:|---:|%n"));
        out.append(String.format(Locale.ROOT, "| lmkit lstm (%s backend) | %.0f | %.1f | %s |%n", backend, lmkit,
                lmkit * flopsPerToken / 1e9, share(ceiling, lmkit * flopsPerToken / 1e9)));
        out.append(String.format(Locale.ROOT, "| DL4J 1.0.0-M2.1 | %.0f | %.1f | %s |%n", dl4j,
                dl4j * flopsPerToken / 1e9, share(ceiling, dl4j * flopsPerToken / 1e9)));
        out.append(ceiling.map(c -> String.format(Locale.ROOT, "ceiling: %.1f GFLOP/s, FmaCeiling on %d threads"
                + " (%s)", c.gflops(), c.threads(), c.source())).orElse("ceiling: " + MeasuredCeiling.unmeasured()));
        out.append(System.lineSeparator());
        return out.toString();
    }

    private static String share(Optional<MeasuredCeiling> ceiling, double gflops) {
        return ceiling.map(c -> c.share(gflops)).orElse("unmeasured");
    }

    /** An LSTM provider that chooses its backend from {@link #BACKENDS}. */
    private static LstmProvider lstm() {
        LstmProvider p = new LstmProvider();
        p.useBackends(() -> BACKENDS);
        return p;
    }

    static Corpus randomCorpus(int tokens, long seed) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < VOCABULARY - 3; i++) {
            words.add("w" + i);
        }
        List<String> all = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        all.addAll(words);
        return randomCorpus(tokens, seed, Vocabulary.ofWords(all));
    }

    static Corpus randomCorpus(int tokens, long seed, Vocabulary v) {
        Random r = new Random(seed);
        List<List<String>> sentences = new ArrayList<>();
        int n = 0;
        while (n < tokens) {
            List<String> s = new ArrayList<>();
            int len = 5 + r.nextInt(40);
            for (int i = 0; i < len; i++) {
                // Zipf-like draws, so the data looks like text to the softmax.
                s.add(v.word(3 + (int) Math.min(v.size() - 4, Math.exp(r.nextDouble() * Math.log(v.size() - 3)))));
            }
            sentences.add(s);
            n += len + 1;
        }
        return Corpus.of(v, sentences);
    }

    static double lmkitTokensPerSecond(Corpus corpus, Corpus valid, double seconds) {
        LstmProvider p = lstm();
        RnnConfig config = ConfigBinder.bind(RnnConfig.class, p.defaultConfig(), Map.of("embedding", "200", "hidden",
                "200", "batchSize", "20", "bptt", "35", "epochs", "1", "maxMinutes", Double.toString(seconds / 60)),
                "lstm");
        // {tokens at update 20, tokens at the last update}; {time at update 20, time at the last update}
        long[] tokens = {0, 0};
        long[] start = {0, 0};
        p.trainer().train(new TrainingData(corpus, Optional.of(valid)), config, 1, e -> {
            if (e instanceof TrainingEvent.Step s) {
                if (s.step() == 20) {
                    start[0] = System.nanoTime();
                    tokens[0] = s.tokensSeen();
                } else if (s.step() > 20) {
                    tokens[1] = s.tokensSeen();
                    start[1] = System.nanoTime();
                }
            }
        });
        return (tokens[1] - tokens[0]) / ((start[1] - start[0]) / 1e9);
    }

    static double lmkitScoringTokensPerSecond(Corpus corpus, Corpus valid) {
        LstmProvider p = lstm();
        RnnConfig config = ConfigBinder.bind(RnnConfig.class, p.defaultConfig(), Map.of("epochs", "1", "maxMinutes",
                "0.02"), "lstm");
        LanguageModel m = p.trainer().train(new TrainingData(corpus.slice(0, 200), Optional.of(valid)), config, 1,
                e -> { });
        long t0 = System.nanoTime();
        long n = 0;
        for (int s = 0; s < valid.sentenceCount(); s++) {
            n += m.scoreSentence(valid.sentence(s)).length;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static double dl4jTokensPerSecond(double seconds) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Adam(2e-3)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(EMBEDDING).inputLength(BPTT)
                        .outputDataFormat(org.deeplearning4j.nn.conf.RNNFormat.NCW).build())
                .layer(new LSTM.Builder().nIn(EMBEDDING).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(HIDDEN).nOut(VOCABULARY)
                        // Set explicitly: left null, DL4J 1.0.0-M2.1 compares the wrong dimension of labels.
                        .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NCW).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(BPTT).tBPTTBackwardLength(BPTT)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(3);
        INDArray features = Nd4j.zeros(BATCH, 1, BPTT);
        INDArray labels = Nd4j.zeros(BATCH, VOCABULARY, BPTT);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < BPTT; t++) {
                features.putScalar(new int[] {b, 0, t}, r.nextInt(VOCABULARY));
                labels.putScalar(new int[] {b, r.nextInt(VOCABULARY), t}, 1.0);
            }
        }
        for (int i = 0; i < 5; i++) {
            net.fit(features, labels);
        }
        long t0 = System.nanoTime();
        int fits = 0;
        while (System.nanoTime() - t0 < seconds * 1e9) {
            net.fit(features, labels);
            fits++;
        }
        return (double) fits * BATCH * BPTT / ((System.nanoTime() - t0) / 1e9);
    }
}
