package io.lmkit.eval.compare;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.model.Sized;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A head-to-head comparison: every model trained on the same training split with the same
 * vocabulary and seed, and evaluated on the same validation and test splits through the
 * LanguageModel API only, so a user's own plugin takes part like the built-in ones.
 */
public final class Comparison {

    private final PluginRegistry<ModelProvider<?>> models;
    private final TrainingListener listener;

    /** A comparison over the plugins of {@code models}; {@code listener} sees every model's training. */
    public Comparison(PluginRegistry<ModelProvider<?>> models, TrainingListener listener) {
        this.models = models;
        this.listener = listener;
    }

    /**
     * Trains and evaluates every spec in order.
     *
     * @param data     the training split and the validation split (required: it is reported)
     * @param test     the test split, encoded with the same vocabulary
     * @param progress receives one line when each model starts and ends
     * @throws LmkitException for an unknown model or setting, before anything is trained
     */
    public List<ComparisonRow> run(List<ModelSpec> specs, TrainingData data, Corpus test, long seed,
                                   Consumer<String> progress) {
        Corpus valid = data.valid().orElseThrow(() -> new LmkitException("a comparison needs a validation split"));
        Map<ModelSpec, Record> configs = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            configs.put(spec, bind(models.get(spec.model()), spec));
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (ModelSpec spec : specs) {
            progress.accept("training " + spec.label() + " (" + spec.model() + ")");
            rows.add(measure(spec, configs.get(spec), data, valid, test, seed));
            ComparisonRow r = rows.get(rows.size() - 1);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: test perplexity %.2f after %.1f s of training",
                    r.label(), r.testPerplexity(), r.trainSeconds()));
        }
        return rows;
    }

    private static <C extends Record> C bind(ModelProvider<C> provider, ModelSpec spec) {
        return ConfigBinder.bind(provider.configType(), provider.defaultConfig(), spec.settings(),
                "model '" + spec.label() + "' (" + provider.name() + ")");
    }

    @SuppressWarnings("unchecked")
    private <C extends Record> ComparisonRow measure(ModelSpec spec, Record config, TrainingData data, Corpus valid,
                                                     Corpus test, long seed) {
        ModelProvider<C> provider = (ModelProvider<C>) models.get(spec.model());
        long start = System.nanoTime();
        LanguageModel model = provider.trainer().train(data, (C) config, seed, listener);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long size = model instanceof Sized s ? s.sizeCount() : -1;
        String unit = model instanceof Sized s ? s.sizeUnit() : "";
        if (model.scoreKind() != ScoreKind.PROBABILITY) {
            return new ComparisonRow(spec.label(), spec.model(), ConfigBinder.toSettings(config), Double.NaN,
                    Double.NaN, Double.NaN, size, unit, trainSeconds, 0, "a score, not a probability: no perplexity");
        }
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        PerplexityResult v = evaluator.evaluate(model, valid);
        long scoring = System.nanoTime();
        PerplexityResult t = evaluator.evaluate(model, test);
        double tokensPerSecond = t.tokens() / ((System.nanoTime() - scoring) / 1e9);
        String note = t.zeroProbabilityTokens() > 0 ? t.zeroProbabilityTokens() + " test tokens with probability 0" : "";
        return new ComparisonRow(spec.label(), spec.model(), ConfigBinder.toSettings(config), v.perplexity(),
                t.perplexity(), t.bitsPerToken(), size, unit, trainSeconds, tokensPerSecond, note);
    }
}
