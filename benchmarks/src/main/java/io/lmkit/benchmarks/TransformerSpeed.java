package io.lmkit.benchmarks;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.neural.backend.Backends;
import io.lmkit.transformer.model.TransformerConfig;
import io.lmkit.transformer.model.TransformerProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark command behind the Transformer speed row of BENCHMARKS.md: the {@code transformer}
 * plugin at model=256 (2 layers, 4 heads, feedForward 1024, context 64, batches of 32 windows, tied
 * output over 10,000 words) trained for a fixed work budget of tokens on the random Zipf-like stream
 * that {@link RnnSpeed} uses, timed from update 20 to the last. Prints tokens/s, GFLOP/s and the
 * share of the machine's measured FMA ceiling. Run: {@code java --add-modules jdk.incubator.vector -cp
 * benchmarks/target/benchmarks.jar io.lmkit.benchmarks.TransformerSpeed [tokens] [key=value ...]}.
 *
 * <p>FLOPs per training token, counted like {@link RnnSpeed}'s (a multiply-add is 2, the backward
 * pass about twice the forward, so 3 × forward), with D = model, F = feedForward, V = vocabulary,
 * L = layers and T̄ the mean number of keys a query attends over (T/2 for windows of T positions,
 * causal): forward per token = L · (4 · 2D² [query, key, value, output maps] + 2 · 2DF [MLP] +
 * 2 · 2D · T̄ [scores and weighted values]) + 2DV [output layer]. Layer norms, GELU, softmaxes and the
 * embedding lookup are not counted.
 */
public final class TransformerSpeed {

    private static final Backends BACKENDS = Backends.discover(TransformerSpeed.class.getClassLoader());
    /** The FMA ceiling of the benchmark machine on 2 cores, measured by {@link FmaCeiling}. */
    private static final double CEILING_GFLOPS = 232.4;

    private TransformerSpeed() {
    }

    /** Trains for the token budget (default 200,000) and prints the speed. */
    public static void main(String[] args) {
        args = CleanCheckout.require("TransformerSpeed", args);
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("layers", "2", "heads", "4", "model",
                "256", "feedForward", "1024", "context", "64", "batchSize", "32", "epochs", "1000", "maxTokens",
                Long.toString(budget), "validateEvery", "1000000"));
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        TransformerProvider p = new TransformerProvider();
        p.useBackends(() -> BACKENDS);
        TransformerConfig c = ConfigBinder.bind(TransformerConfig.class, p.defaultConfig(), settings, "transformer");
        Corpus corpus = RnnSpeed.randomCorpus(400_000, 1);
        Corpus valid = RnnSpeed.randomCorpus(2_000, 2, corpus.vocabulary());
        long[] tokens = {0, 0};
        long[] time = {0, 0};
        long[] windows = {0, 0};
        p.trainer().train(new TrainingData(corpus, Optional.of(valid)), c, 1, e -> {
            if (e instanceof TrainingEvent.Step s) {
                if (s.step() == 20) {
                    time[0] = System.nanoTime();
                    tokens[0] = s.tokensSeen();
                } else if (s.step() > 20) {
                    tokens[1] = s.tokensSeen();
                    time[1] = System.nanoTime();
                }
            }
        });
        double perSecond = (tokens[1] - tokens[0]) / ((time[1] - time[0]) / 1e9);
        double d = c.model();
        double meanKeys = meanKeys(corpus, c.context());
        double forward = c.layers() * (4 * 2 * d * d + 2 * 2 * d * c.feedForward() + 2 * 2 * d * meanKeys)
                + 2 * d * corpus.vocabulary().size();
        double flops = 3 * forward;
        double gflops = perSecond * flops / 1e9;
        System.out.printf(Locale.ROOT, "transformer layers=%d heads=%d model=%d feedForward=%d context=%d batchSize=%d,"
                        + " vocabulary %d, %s backend, %d threads%n", c.layers(), c.heads(), c.model(), c.feedForward(),
                c.context(), c.batchSize(), corpus.vocabulary().size(), BACKENDS.choose(Optional.ofNullable(
                        c.backend().isBlank() ? null : c.backend())).name(), c.threads());
        System.out.printf(Locale.ROOT, "FLOPs per training token: 3 x (L(8D^2 + 4DF + 4D x %.1f mean keys) + 2DV)"
                + " = %.3g%n", meanKeys, flops);
        System.out.printf(Locale.ROOT, "%n| trainer | training tokens/s | GFLOP/s | share of %.1f GFLOP/s |%n",
                CEILING_GFLOPS);
        System.out.printf(Locale.ROOT, "|---|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| lmkit transformer | %.0f | %.1f | %.1f%% |%n", perSecond, gflops,
                100 * gflops / CEILING_GFLOPS);
    }

    /** The mean number of keys a query attends over: (t + 1) at position t of each sentence's window. */
    private static double meanKeys(Corpus corpus, int context) {
        double keys = 0;
        long positions = 0;
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            int n = Math.min(context, corpus.sentence(s).length + 1);
            keys += n * (n + 1) / 2.0;
            positions += n;
        }
        return keys / positions;
    }
}
