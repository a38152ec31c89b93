package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.Katz;
import io.lmkit.ngram.estimate.NgramCounts;

/** The {@code katz} plugin: Good-Turing discounting with Katz backoff (Katz 1987). */
public final class KatzProvider extends NgramProvider<KatzProvider.Config> {

    /** The largest {@code goodTuringMax} accepted: counts that high are reliable and need no discount. */
    public static final int MAX_GOOD_TURING_MAX = 1000;

    /**
     * Settings of Katz backoff.
     *
     * @param order         the n-gram order, 1..9
     * @param goodTuringMax K: counts 1..K are discounted by Good-Turing, larger ones are kept
     *                      (Katz used 5); at least 2, since with K = 1 the ratio d_1 is always 0
     */
    public record Config(int order, int goodTuringMax) implements NgramConfig {
        /** Validates the order and K. */
        public Config {
            checkOrder(order);
            if (goodTuringMax < 2 || goodTuringMax > MAX_GOOD_TURING_MAX) {
                throw new IllegalArgumentException("goodTuringMax must be between 2 and " + MAX_GOOD_TURING_MAX
                        + " (Katz used 5; with 1 the Good-Turing ratio d_1 is always 0), got " + goodTuringMax);
            }
        }
    }

    @Override
    public String name() {
        return "katz";
    }

    @Override
    public String description() {
        return "Katz backoff with Good-Turing discounts for counts up to goodTuringMax (default 5)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, 5);
    }

    @Override
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return Katz.estimate(counts, config.goodTuringMax());
    }
}
