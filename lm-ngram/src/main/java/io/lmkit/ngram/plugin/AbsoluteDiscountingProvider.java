package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.AbsoluteDiscounting;
import io.lmkit.ngram.estimate.NgramCounts;

/** The {@code absolute-discounting} plugin: interpolated absolute discounting on classic counts. */
public final class AbsoluteDiscountingProvider extends NgramProvider<AbsoluteDiscountingProvider.Config> {

    /**
     * Settings of absolute discounting.
     *
     * @param order    the n-gram order, 1..9
     * @param discount D subtracted from every count, the same for every order, in (0, 1]; or 0 to
     *                 estimate D_k = n1/(n1 + 2 n2) per order from its counts-of-counts
     */
    public record Config(int order, double discount) implements NgramConfig {
        /** Validates the order and the discount. */
        public Config {
            checkOrder(order);
            if (!(discount >= 0 && discount <= 1)) {
                throw new IllegalArgumentException("discount must be in (0, 1], or 0 to estimate it per order; got "
                        + discount);
            }
        }
    }

    @Override
    public String name() {
        return "absolute-discounting";
    }

    @Override
    public String description() {
        return "interpolated absolute discounting, D per order = n1/(n1+2 n2) unless discount is set";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, 0);
    }

    @Override
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return AbsoluteDiscounting.estimate(counts, config.discount());
    }
}
