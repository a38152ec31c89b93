package io.lmkit.benchmarks;

import io.lmkit.benchmarks.report.MeasuredCeiling;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.neural.window.FixedWindowConfig;
import io.lmkit.neural.window.FixedWindowProvider;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark command behind the fixed-window rows of BENCHMARKS.md: trains {@code fixed-window}
 * on brown-v1 (settings as {@code key=value} arguments), then reports its test perplexity, the
 * order-5 modified Kneser-Ney's, and their mixture's with the weight tuned on valid; training
 * throughput, and its share of the machine's ceiling that {@link FmaCeiling} measured (recorded in
 * {@code benchmarks/results/fma-ceiling/jmh.json}; without it the ceiling is said to be unmeasured and no share is
 * printed). Run:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.FixedWindowBrown maxMinutes=30 hidden=200}.
 */
public final class FixedWindowBrown {

    private FixedWindowBrown() {
    }

    /** Trains, evaluates and prints the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("FixedWindowBrown", args);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        FixedWindowProvider provider = new FixedWindowProvider();
        FixedWindowConfig config = ConfigBinder.bind(FixedWindowConfig.class, provider.defaultConfig(), settings,
                "fixed-window");
        BrownSplits brown = BrownData.splits();
        Corpus train = brown.corpus(BrownSplits.Split.TRAIN);
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Corpus test = brown.corpus(BrownSplits.Split.TEST);
        System.out.println("config: " + ConfigBinder.toSettings(config));
        long start = System.nanoTime();
        double[] lastRate = {0};
        LanguageModel model = provider.trainer().train(new TrainingData(train, Optional.of(valid)), config, 1, e -> {
            if (e instanceof TrainingEvent.Step s && s.step() % 500 == 0) {
                lastRate[0] = s.tokensPerSecond();
                System.out.printf(Locale.ROOT, "step %d epoch %d tokens %d  %.0f tokens/s  loss %.3f  |g| %.2f  lr %.2g%n",
                        s.step(), s.epoch(), s.tokensSeen(), s.tokensPerSecond(), s.loss(), s.gradientNorm(),
                        s.learningRate());
            } else if (e instanceof TrainingEvent.Validated v) {
                System.out.printf(Locale.ROOT, "validation: %.1f s  %d tokens  perplexity %.2f%n",
                        v.elapsed().toMillis() / 1000.0, v.tokensSeen(), v.validPerplexity());
            } else if (e instanceof TrainingEvent.RolledBack r) {
                System.out.println("rolled back: " + r);
            }
        });
        double minutes = (System.nanoTime() - start) / 60e9;
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        double neuralTest = evaluator.evaluate(model, test).perplexity();
        NgramModel ngram = KneserNey.estimate(NgramCounts.count(train, 5), KneserNey.Variant.MODIFIED);
        double ngramTest = evaluator.evaluate(ngram, test).perplexity();
        double lambda = LinearMixture.tune(model, ngram, valid);
        double mixTest = evaluator.evaluate(new LinearMixture(model, ngram, lambda), test).perplexity();
        int context = config.order() - 1;
        int classes = brown.vocabulary().predictedCount();
        double forward = 2.0 * context * config.embedding() * config.hidden() + 2.0 * config.hidden() * classes
                + (config.direct() ? 2.0 * context * config.embedding() * classes : 0);
        double gflops = 3 * forward * lastRate[0] / 1e9;
        System.out.printf(Locale.ROOT, "%n| model | test perplexity |%n|---|---:|%n");
        System.out.printf(Locale.ROOT, "| fixed-window (%.1f min of training) | %.2f |%n", minutes, neuralTest);
        System.out.printf(Locale.ROOT, "| modified-kneser-ney, order 5 | %.2f |%n", ngramTest);
        System.out.printf(Locale.ROOT, "| mixture, λ = %.3f on fixed-window | %.2f (%.1f%% below the 5-gram) |%n",
                lambda, mixTest, 100 * (1 - mixTest / ngramTest));
        System.out.printf(Locale.ROOT, "training throughput %.0f tokens/s = %.1f GFLOP/s = %s%n", lastRate[0], gflops,
                MeasuredCeiling.shareOf(gflops));
    }
}
