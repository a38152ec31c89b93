package io.lmkit.core.reference;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;

/** The {@code uniform} plugin: {@link UniformModel}. */
public final class UniformProvider implements ModelProvider<UniformProvider.Config> {

    /** The uniform model has no settings. */
    public record Config() {
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "every predicted symbol equally likely; perplexity = number of predicted symbols (a baseline)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config();
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> new UniformModel(data.vocabulary());
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) {
        return new UniformModel(vocabulary);
    }
}
