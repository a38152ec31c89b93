package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.WittenBell;

/** The {@code witten-bell} plugin: interpolated Witten-Bell smoothing on classic counts. */
public final class WittenBellProvider extends NgramProvider<WittenBellProvider.Config> {

    /**
     * Settings of Witten-Bell.
     *
     * @param order the n-gram order, 1..9
     */
    public record Config(int order) implements NgramConfig {
        /** Validates the order. */
        public Config {
            checkOrder(order);
        }
    }

    @Override
    public String name() {
        return "witten-bell";
    }

    @Override
    public String description() {
        return "interpolated Witten-Bell: a context gives T(h)/(c(h)+T(h)) to the lower order, T(h) its word types";
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
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return WittenBell.estimate(counts);
    }
}
