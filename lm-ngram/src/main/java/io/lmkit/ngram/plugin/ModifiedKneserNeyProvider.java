package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;

/** The {@code modified-kneser-ney} plugin: interpolated modified Kneser-Ney, as KenLM's lmplz estimates it. */
public final class ModifiedKneserNeyProvider extends NgramProvider<ModifiedKneserNeyProvider.Config> {

    /**
     * Settings of modified Kneser-Ney.
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
        return "modified-kneser-ney";
    }

    @Override
    public String description() {
        return "interpolated modified Kneser-Ney (Chen & Goodman: D1, D2, D3+ per order); equals KenLM lmplz";
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
        return KneserNey.estimate(counts, KneserNey.Variant.MODIFIED);
    }
}
