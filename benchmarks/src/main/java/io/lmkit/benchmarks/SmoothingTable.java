package io.lmkit.benchmarks;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark command behind the smoothing table of BENCHMARKS.md: every count-based model
 * plugin on the classpath, trained on brown-v1 train at the given orders and evaluated on valid
 * and test. Run: {@code java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.SmoothingTable 3 5}.
 */
public final class SmoothingTable {

    private static final List<String> MODELS = List.of("uniform", "unigram", "mle", "laplace", "lidstone", "katz",
            "witten-bell", "absolute-discounting", "kneser-ney", "modified-kneser-ney", "stupid-backoff");

    private SmoothingTable() {
    }

    /** Prints the table as Markdown; the arguments are the orders (default 3 and 5). */
    public static void main(String[] args) {
        args = CleanCheckout.require("SmoothingTable", args);
        int[] orders = args.length == 0 ? new int[] {3, 5} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt)
                .toArray();
        BrownSplits brown = BrownData.splits();
        TrainingData data = TrainingData.of(brown.corpus(BrownSplits.Split.TRAIN));
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover(cast(), SmoothingTable.class.getClassLoader(),
                "model", "");
        System.out.println("| model | order | valid perplexity | test perplexity | training s |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String name : MODELS) {
            ModelProvider<?> provider = models.get(name);
            boolean ordered = ConfigBinder.toSettings(provider.defaultConfig()).containsKey("order");
            for (int order : ordered ? orders : new int[] {0}) {
                row(provider, order, data, brown);
            }
        }
    }

    private static <C extends Record> void row(ModelProvider<C> provider, int order, TrainingData data,
                                               BrownSplits brown) {
        Map<String, String> settings = order > 0 ? Map.of("order", Integer.toString(order)) : Map.of();
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), settings, provider.name());
        long start = System.nanoTime();
        LanguageModel model = provider.trainer().train(data, config, 1, TrainingListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f |%n", provider.name(), order > 0 ? order : "-",
                perplexity(model, brown, BrownSplits.Split.VALID), perplexity(model, brown, BrownSplits.Split.TEST),
                seconds);
    }

    private static String perplexity(LanguageModel model, BrownSplits brown, BrownSplits.Split split) {
        try {
            PerplexityResult r = new PerplexityEvaluator().evaluate(model, brown.corpus(split));
            return r.zeroProbabilityTokens() > 0
                    ? String.format(Locale.ROOT, "∞ (%d tokens with p = 0)", r.zeroProbabilityTokens())
                    : String.format(Locale.ROOT, "%.2f", r.perplexity());
        } catch (LmkitException e) {
            return "n/a (a score, not a probability)";
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<ModelProvider<?>> cast() {
        return (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class;
    }
}
