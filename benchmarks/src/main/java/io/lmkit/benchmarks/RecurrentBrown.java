package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.rnn.model.GruProvider;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RecurrentProvider;
import io.lmkit.rnn.model.RnnConfig;
import io.lmkit.rnn.model.RnnProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark command behind the recurrent rows of BENCHMARKS.md: trains {@code rnn},
 * {@code lstm} or {@code gru} (first argument) on brown-v1 with {@code key=value} settings, prints
 * the learning curve (validation perplexity against wall time) and the test perplexity. Run:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.RecurrentBrown lstm maxMinutes=25}.
 */
public final class RecurrentBrown {

    private RecurrentBrown() {
    }

    /** Trains, evaluates and prints the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("RecurrentBrown", args);
        RecurrentProvider provider = switch (args[0]) {
            case "rnn" -> new RnnProvider();
            case "lstm" -> new LstmProvider();
            case "gru" -> new GruProvider();
            default -> throw new IllegalArgumentException("first argument: rnn, lstm or gru");
        };
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        // out=DIR is the command's own: where the model file and the gradient-norm trace go.
        java.nio.file.Path out = java.nio.file.Path.of(settings.getOrDefault("out", "."));
        settings.remove("out");
        List<List<Object>> norms = new ArrayList<>();
        RnnConfig config = ConfigBinder.bind(RnnConfig.class, provider.defaultConfig(), settings, provider.name());
        BrownSplits brown = BrownData.splits();
        Corpus train = brown.corpus(BrownSplits.Split.TRAIN);
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Corpus test = brown.corpus(BrownSplits.Split.TEST);
        System.out.println(provider.name() + " config: " + ConfigBinder.toSettings(config));
        long start = System.nanoTime();
        LanguageModel model = provider.trainer().train(new TrainingData(train, Optional.of(valid)), config, 1, e -> {
            if (e instanceof TrainingEvent.Step s) {
                norms.add(List.of(s.step(), s.gradientNorm(),
                        config.clipNorm() > 0 && s.gradientNorm() > config.clipNorm()));
            }
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
        io.lmkit.core.io.ModelFile.save(out.resolve(provider.name() + ".zip"), model, provider.name(), config, 1,
                "whitespace", train.fingerprint());
        io.lmkit.core.files.AtomicFiles.write(out.resolve(provider.name() + "-gradient-norms.csv"),
                o -> o.write(CsvTables.write(List.of("step", "pre_clip_gradient_norm", "clipped"), norms,
                        CsvTables.Quoting.AS_NEEDED).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        double ppl = new PerplexityEvaluator().evaluate(model, test).perplexity();
        System.out.printf(Locale.ROOT, "%n| %s (%.1f min of training) | test perplexity %.2f |%n", provider.name(),
                minutes, ppl);
    }
}
