package io.lmkit.ngram.plugin;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.NgramCounts;
import java.io.IOException;
import java.time.Duration;

/**
 * What the n-gram plugins share: training counts the corpus, then a smoothing method turns the
 * counts into an {@link NgramModel}; every model is saved and loaded in the same packed form.
 * Estimation is deterministic, so the seed plays no part.
 *
 * @param <C> the plugin's config record
 */
abstract class NgramProvider<C extends Record & NgramConfig> implements ModelProvider<C> {

    /** Turns counts into a model. */
    protected abstract NgramModel estimate(NgramCounts counts, C config);

    /**
     * Estimates straight from the corpus in bounded memory when the config asks for it (empty: count and
     * estimate in memory); {@code pass} is told each pass as it starts, and how far it is.
     */
    protected java.util.Optional<NgramModel> estimateInSortedRuns(io.lmkit.core.corpus.Corpus corpus, C config,
                                                                  io.lmkit.ngram.estimate.EstimationProgress pass) {
        return java.util.Optional.empty();
    }

    @Override
    public Trainer<C> trainer() {
        return (data, config, seed, listener) -> {
            PassEvents passes = new PassEvents(name(), listener);
            java.util.Optional<NgramModel> sorted = estimateInSortedRuns(data.train(), config, passes);
            if (sorted.isPresent()) {
                passes.finish();
                return sorted.get();
            }
            long start = System.nanoTime();
            listener.onEvent(new TrainingEvent.PhaseStarted("counting", data.train().tokenCount(), "tokens"));
            NgramCounts counts = NgramCounts.count(data.train(), config.order(),
                    done -> listener.onEvent(new TrainingEvent.Progress("counting", done, Double.NaN)));
            listener.onEvent(new TrainingEvent.PhaseFinished("counting", Duration.ofNanos(System.nanoTime() - start)));
            long estimating = System.nanoTime();
            listener.onEvent(new TrainingEvent.PhaseStarted("estimating " + name(), 0, "n-grams"));
            NgramModel model = estimate(counts, config);
            listener.onEvent(new TrainingEvent.PhaseFinished("estimating " + name(),
                    Duration.ofNanos(System.nanoTime() - estimating)));
            return model;
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, C config, Vocabulary vocabulary) throws IOException {
        return NgramModel.readData(data, vocabulary);
    }

    /** Checks an order for a config's constructor. */
    static void checkOrder(int order) {
        io.lmkit.ngram.NgramOrder.check(order);
    }

    /** Phase events for passes known by their starts and progress: each start finishes the pass before it. */
    private static final class PassEvents implements io.lmkit.ngram.estimate.EstimationProgress {
        private final String model;
        private final io.lmkit.core.train.TrainingListener listener;
        private String current;
        private long started;

        PassEvents(String model, io.lmkit.core.train.TrainingListener listener) {
            this.model = model;
            this.listener = listener;
        }

        @Override
        public void passStarted(String pass, long total, String unit) {
            finish();
            current = model + " " + pass;
            started = System.nanoTime();
            listener.onEvent(new TrainingEvent.PhaseStarted(current, total, unit));
        }

        @Override
        public void progressed(long done) {
            if (current != null) {
                listener.onEvent(new TrainingEvent.Progress(current, done, Double.NaN));
            }
        }

        void finish() {
            if (current != null) {
                listener.onEvent(new TrainingEvent.PhaseFinished(current, Duration.ofNanos(System.nanoTime() - started)));
                current = null;
            }
        }
    }
}
