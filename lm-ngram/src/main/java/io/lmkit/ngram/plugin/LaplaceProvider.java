package io.lmkit.ngram.plugin;

import io.lmkit.ngram.CountModel;

/** The {@code laplace} plugin: Laplace (add-one) estimates from the counts of the full context. */
public final class LaplaceProvider extends CountModelProvider<LaplaceProvider.Config> {

    /**
     * Settings of the laplace model.
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
        return "laplace";
    }

    @Override
    public String description() {
        return "add-one smoothing, (c(hw)+1)/(c(h)+|V|) in the full context";
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
        return CountModel.Smoothing.additive(1);
    }
}
