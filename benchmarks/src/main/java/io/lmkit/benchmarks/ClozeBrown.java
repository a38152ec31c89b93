package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.probe.ClozeProbe;
import io.lmkit.eval.probe.ClozeReport;
import io.lmkit.eval.probe.ClozeSuite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark command of the cloze probes on brown-v1: estimates the models that take seconds
 * (the add-one unigram as a word-frequency baseline, modified Kneser-Ney of orders 3 and 5) on
 * the training split through their plugins, scores the default suite (or {@code suite=FILE}) with
 * each, and writes {@code cloze.md}, {@code cloze.csv} (per item), {@code cloze-summary.csv} (per
 * category) and {@code cloze.json}. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.ClozeBrown out=benchmarks/results/probes}.
 */
public final class ClozeBrown {

    private ClozeBrown() {
    }

    /** Estimates the models, scores the suite and writes the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("ClozeBrown", args);
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !(arg.startsWith("out=") || arg.startsWith("suite="))) {
                throw new IllegalArgumentException("argument '" + arg + "' is not out=DIR or suite=FILE");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path out = Path.of(a.getOrDefault("out", "benchmarks/results/probes"));
        ClozeSuite suite = a.containsKey("suite") ? ClozeSuite.load(Path.of(a.get("suite")))
                : ClozeSuite.defaultSuite();
        TrainingData train = TrainingData.of(BrownData.splits().corpus(BrownSplits.Split.TRAIN));
        PluginRegistry<ModelProvider<?>> registry = PluginRegistry.discover(cast(), ClozeBrown.class.getClassLoader(),
                "model", "Is its module on the benchmarks classpath?");
        Map<String, LanguageModel> models = new LinkedHashMap<>();
        models.put("unigram", train(registry.get("unigram"), Map.of(), train));
        models.put("mkn-3", train(registry.get("modified-kneser-ney"), Map.of("order", "3"), train));
        models.put("mkn-5", train(registry.get("modified-kneser-ney"), Map.of("order", "5"), train));
        long start = System.nanoTime();
        ClozeReport report = new ClozeProbe().run(models, suite);
        double seconds = (System.nanoTime() - start) / 1e9;
        String command = "java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.ClozeBrown "
                + String.join(" ", args);
        String md = "# Cloze probes on brown-v1\n\n" + ProbeResults.provenance(command)
                + String.format(Locale.ROOT, "Models estimated on brown.train.txt (brown-v1); scoring the suite with"
                        + " all of them took %.2f s.%n%n", seconds) + report.toMarkdown();
        ProbeResults.createDirectories(out);
        ProbeResults.write(out, "cloze.md", md);
        ProbeResults.write(out, "cloze.csv", report.toCsv());
        ProbeResults.write(out, "cloze-summary.csv", report.toSummaryCsv());
        ProbeResults.write(out, "cloze.json", report.toJson());
        System.out.print(md);
    }

    private static <C extends Record> LanguageModel train(ModelProvider<C> provider, Map<String, String> settings,
                                                          TrainingData data) {
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), settings, provider.name());
        return provider.trainer().train(data, config, 1, TrainingListener.NONE);
    }

    @SuppressWarnings("unchecked")
    private static Class<ModelProvider<?>> cast() {
        return (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class;
    }
}
