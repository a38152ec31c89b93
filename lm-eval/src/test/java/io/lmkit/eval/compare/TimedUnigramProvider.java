package io.lmkit.eval.compare;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.IterativeConfig;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.vocab.Vocabulary;
import java.time.Duration;

/**
 * A test plugin shaped like a neural one: its config is an {@link IterativeConfig} (budgets,
 * backend, checkpoint settings, which it ignores) and it reports updates up to its token budget (200 tokens without one) and
 * two validation passes, with fixed numbers, before returning a unigram model.
 */
final class TimedUnigramProvider implements ModelProvider<TimedUnigramProvider.Config> {

    /** The settings: the unigram's pseudo-count and the settings a comparison fills in. */
    record Config(double addK, double maxMinutes, long maxTokens, String backend, String checkpoint, boolean resume)
            implements IterativeConfig {
    }

    @Override
    public String name() {
        return "timed-unigram";
    }

    @Override
    public String description() {
        return "a unigram model that reports a learning curve (tests only)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(1.0, 0, 0, "", "", false);
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            long tokens = config.maxTokens() > 0 ? config.maxTokens() : 200;
            listener.onEvent(new TrainingEvent.Step(1, 1, tokens / 2, 0, 1.0, 1.0, 0.1));
            listener.onEvent(new TrainingEvent.Step(2, 1, tokens, 0, 1.0, 1.0, 0.1));
            listener.onEvent(new TrainingEvent.Validated(100, Duration.ofMillis(1500), 9.0));
            listener.onEvent(new TrainingEvent.Validated(200, Duration.ofMillis(3000), 7.5));
            return new UnigramProvider().trainer().train(data, new UnigramProvider.Config(config.addK()), seed,
                    listener);
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws java.io.IOException {
        // As the unigram model it trains: a comparison with a work folder saves and reloads it.
        return new UnigramProvider().load(data, new UnigramProvider.Config(config.addK()), vocabulary);
    }
}
