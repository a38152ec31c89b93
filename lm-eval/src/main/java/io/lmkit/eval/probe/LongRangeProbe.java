package io.lmkit.eval.probe;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The long-range dependency probe: trains model families on a {@link LongRangeCorpus} and
 * measures, for each distance d, how well each predicts the value its key fixed d words earlier.
 *
 * <p>Theory: an n-gram model of order n sees n − 1 words, so it is right for d ≤ n − 1 and at
 * chance beyond; a fixed-window model likewise; a recurrent model can carry the key in its
 * state, an Elman network less far than an LSTM; an attention model sees every position of its
 * context window directly, and nothing beyond it. The probe measures rather than assumes.
 * Models are used only through the {@link LanguageModel} state API.
 */
public final class LongRangeProbe {

    /** Measures one trained model (without a fixed context window) on the test sentences of {@code data}. */
    public LongRangeCurve measure(String label, String description, LanguageModel model, LongRangeCorpus data) {
        return measure(label, description, model, data, OptionalInt.empty());
    }

    /**
     * Measures one trained model on the test sentences of {@code data}.
     *
     * @param context the positions the model's window holds, when it has a fixed one: the curve
     *                marks the distances beyond it
     */
    public LongRangeCurve measure(String label, String description, LanguageModel model, LongRangeCorpus data,
                                  OptionalInt context) {
        if (!model.vocabulary().equals(data.vocabulary())) {
            throw new io.lmkit.core.LmkitException("model '" + label + "' has another vocabulary than the long-range"
                    + " corpus; train it on LongRangeCorpus.train() (see LongRangeProbe.train)");
        }
        LongRangeConfig c = data.config();
        int n = c.distanceCount();
        double[] credit = new double[n];
        double[] valueLoss = new double[n];
        double[] loss = new double[n];
        int[] count = new int[n];
        int[] values = data.valueIds();
        double[] lnProbs = new double[data.vocabulary().size()];
        for (LongRangeExample e : data.test()) {
            ModelState state = model.begin();
            for (int w : e.context()) {
                state = model.score(state, w).next();
            }
            model.nextLnProbs(state, lnProbs);
            int i = e.distance() - c.minDistance();
            int target = e.target();
            credit[i] += tieCredit(lnProbs, values, target);
            valueLoss[i] += logSumExp(lnProbs, values) - lnProbs[target];
            loss[i] += -lnProbs[target];
            count[i]++;
        }
        List<LongRangePoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new LongRangePoint(c.minDistance() + i, count[i], credit[i] / count[i],
                    valueLoss[i] / count[i], loss[i] / count[i]));
        }
        return new LongRangeCurve(label, description, points, context);
    }

    /** Measures every model of the map, in its order: the entry point for already-trained models. */
    public LongRangeReport run(Map<String, ? extends LanguageModel> models, LongRangeCorpus data) {
        List<LongRangeCurve> curves = new ArrayList<>();
        for (Map.Entry<String, ? extends LanguageModel> e : new LinkedHashMap<>(models).entrySet()) {
            curves.add(measure(e.getKey(), "", e.getValue(), data));
        }
        return new LongRangeReport(data.config(), curves);
    }

    /**
     * Trains one family on the corpus's training split (its validation split for early stopping),
     * through the plugin registry, so a user's own model plugin can take part.
     *
     * @throws io.lmkit.core.LmkitException for an unknown plugin or setting
     */
    public LanguageModel train(PluginRegistry<ModelProvider<?>> registry, LongRangeFamily family,
                               LongRangeCorpus data, long seed, TrainingListener listener) {
        return train(registry.get(family.plugin()), family, data, seed, listener);
    }

    private static <C extends Record> LanguageModel train(ModelProvider<C> provider, LongRangeFamily family,
                                                          LongRangeCorpus data, long seed, TrainingListener listener) {
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), family.settings(),
                "model '" + family.label() + "' (" + provider.name() + ")");
        return provider.trainer().train(new TrainingData(data.train(), Optional.of(data.valid())), config, seed,
                listener);
    }

    /**
     * Trains and measures every family in order, reporting progress a line at a time; each
     * curve's description records the plugin, its settings and the training time.
     */
    public LongRangeReport trainAndMeasure(PluginRegistry<ModelProvider<?>> registry, List<LongRangeFamily> families,
                                           LongRangeCorpus data, long seed, Consumer<String> progress) {
        List<LongRangeCurve> curves = new ArrayList<>();
        for (LongRangeFamily f : families) {
            progress.accept("training " + f.label() + " (" + f.plugin() + " " + f.settings() + ")");
            long start = System.nanoTime();
            LanguageModel model = train(registry, f, data, seed, TrainingListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            String description = String.format(Locale.ROOT, "%s %s, trained %.1f s", f.plugin(), f.settings(), seconds);
            LongRangeCurve curve = measure(f.label(), description, model, data, f.context());
            progress.accept(String.format(Locale.ROOT,
                    "%s: %.1f s of training; accuracy %.2f at d = %d, %.2f at d = %d",
                    f.label(), seconds, curve.points().get(0).accuracy(), curve.points().get(0).distance(),
                    curve.points().get(curve.points().size() - 1).accuracy(),
                    curve.points().get(curve.points().size() - 1).distance()));
            curves.add(curve);
        }
        return new LongRangeReport(data.config(), curves);
    }

    /** 1/t when the target is among the t values of highest probability, else 0. */
    static double tieCredit(double[] lnProbs, int[] values, int target) {
        double best = Double.NEGATIVE_INFINITY;
        for (int v : values) {
            best = Math.max(best, lnProbs[v]);
        }
        if (lnProbs[target] < best) {
            return 0;
        }
        int tied = 0;
        for (int v : values) {
            tied += lnProbs[v] == best ? 1 : 0;
        }
        return 1.0 / tied;
    }

    private static double logSumExp(double[] lnProbs, int[] ids) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i : ids) {
            max = Math.max(max, lnProbs[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i : ids) {
            sum += Math.exp(lnProbs[i] - max);
        }
        return max + Math.log(sum);
    }
}
