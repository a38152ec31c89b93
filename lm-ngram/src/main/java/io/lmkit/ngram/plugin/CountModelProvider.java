package io.lmkit.ngram.plugin;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.CountModel;
import io.lmkit.ngram.estimate.CountModels;
import io.lmkit.ngram.estimate.NgramCounts;
import java.io.IOException;
import java.time.Duration;

/**
 * What the count-based plugins ({@code mle}, {@code laplace}, {@code lidstone}) share: training
 * counts the corpus and keeps the counts in a {@link CountModel}, which computes probabilities by
 * the plugin's smoothing rule; every such model is saved and loaded in the same packed form.
 * Deterministic, so the seed plays no part.
 *
 * @param <C> the plugin's config record
 */
abstract class CountModelProvider<C extends Record & NgramConfig> implements ModelProvider<C> {

    /** The rule that turns counts into probabilities under {@code config}. */
    protected abstract CountModel.Smoothing smoothing(C config);

    @Override
    public Trainer<C> trainer() {
        return (data, config, seed, listener) -> {
            long start = System.nanoTime();
            listener.onEvent(new TrainingEvent.PhaseStarted("counting", data.train().tokenCount(), "tokens"));
            NgramCounts counts = NgramCounts.count(data.train(), config.order(),
                    done -> listener.onEvent(new TrainingEvent.Progress("counting", done, Double.NaN)));
            CountModel model = CountModels.estimate(counts, smoothing(config));
            listener.onEvent(new TrainingEvent.PhaseFinished("counting", Duration.ofNanos(System.nanoTime() - start)));
            return model;
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, C config, Vocabulary vocabulary) throws IOException {
        return CountModel.readData(data, vocabulary);
    }
}
