package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.transformer.model.TransformerConfig;
import io.lmkit.transformer.model.TransformerProvider;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Trains the {@code transformer} plugin on brown-v1 with {@code key=value} settings (and {@code out=DIR}
 * for the model file), printing the learning curve and the test perplexity under the sentence
 * protocol. Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.TransformerBrown maxMinutes=25}.
 */
public final class TransformerBrown {

    private TransformerBrown() {
    }

    /** Trains, evaluates and prints the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("TransformerBrown", args);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        java.nio.file.Path out = java.nio.file.Path.of(settings.getOrDefault("out", "."));
        settings.remove("out");
        TransformerProvider provider = new TransformerProvider();
        TransformerConfig config = ConfigBinder.bind(TransformerConfig.class, provider.defaultConfig(), settings,
                provider.name());
        BrownSplits brown = BrownData.splits();
        Corpus train = brown.corpus(BrownSplits.Split.TRAIN);
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Corpus test = brown.corpus(BrownSplits.Split.TEST);
        System.out.println("transformer config: " + ConfigBinder.toSettings(config));
        long start = System.nanoTime();
        LanguageModel model = provider.trainer().train(new TrainingData(train, Optional.of(valid)), config, 1, e -> {
            if (e instanceof TrainingEvent.Step s && s.step() % 200 == 0) {
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
        io.lmkit.core.io.ModelFile.save(out.resolve("transformer.zip"), model, provider.name(), config, 1, "whitespace",
                train.fingerprint());
        double ppl = new PerplexityEvaluator().evaluate(model, test).perplexity();
        System.out.printf(Locale.ROOT, "%n| transformer (%.1f min of training) | test perplexity %.2f |%n", minutes,
                ppl);
    }
}
