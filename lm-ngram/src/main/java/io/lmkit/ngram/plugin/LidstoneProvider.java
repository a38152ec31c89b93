package io.lmkit.ngram.plugin;

import io.lmkit.ngram.CountModel;

/** The {@code lidstone} plugin: additive smoothing with a pseudo-count k (Lidstone 1920). */
public final class LidstoneProvider extends CountModelProvider<LidstoneProvider.Config> {

    /**
     * Settings of Lidstone smoothing.
     *
     * @param order the n-gram order, 1..9
     * @param k     the pseudo-count added to every event, &gt; 0 (1 is Laplace)
     */
    public record Config(int order, double k) implements NgramConfig {
        /** Validates the order and k. */
        public Config {
            NgramProvider.checkOrder(order);
            if (!(k > 0 && k < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("k must be a finite number > 0, got " + k);
            }
        }
    }

    @Override
    public String name() {
        return "lidstone";
    }

    @Override
    public String description() {
        return "additive smoothing, (c(hw)+k)/(c(h)+k|V|) in the full context (k = 0.5 by default)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, 0.5);
    }

    @Override
    protected CountModel.Smoothing smoothing(Config config) {
        return CountModel.Smoothing.additive(config.k());
    }
}
