package io.lmkit.ngram.plugin;

import io.lmkit.ngram.CountModel;

/** The {@code mle} plugin: maximum-likelihood estimates from the counts of the full context. */
public final class MleProvider extends CountModelProvider<MleProvider.Config> {

    /**
     * Settings of the mle model.
     *
     * @param order the n-gram order, 1..9
     */
    public record Config(int order) implements NgramConfig {
        /** Validates the order. */
        public Config {
            NgramProvider.checkOrder(order);
        }
    }

    @Override
    public String name() {
        return "mle";
    }

    @Override
    public String description() {
        return "maximum likelihood, c(hw)/c(h) in the longest seen context; unseen events get probability 0";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3);
    }

    @Override
    protected CountModel.Smoothing smoothing(Config config) {
        return CountModel.Smoothing.maximumLikelihood();
    }
}
