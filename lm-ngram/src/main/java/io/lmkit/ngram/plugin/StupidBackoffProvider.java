package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.StupidBackoff;

/**
 * The {@code stupid-backoff} plugin (Brants et al. 2007): unnormalised scores for ranking and
 * generation; the perplexity evaluator refuses them.
 */
public final class StupidBackoffProvider extends NgramProvider<StupidBackoffProvider.Config> {

    /**
     * Settings of stupid backoff.
     *
     * @param order the n-gram order, 1..9
     * @param alpha the factor per dropped context word, in (0, 1] (Brants et al. used 0.4)
     */
    public record Config(int order, double alpha) implements NgramConfig {
        /** Validates the order and alpha. */
        public Config {
            checkOrder(order);
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
            }
        }
    }

    @Override
    public String name() {
        return "stupid-backoff";
    }

    @Override
    public String description() {
        return "stupid backoff (Brants et al. 2007): relative frequencies times alpha per backoff; scores, not"
                + " probabilities";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, StupidBackoff.DEFAULT_ALPHA);
    }

    @Override
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return StupidBackoff.estimate(counts, config.alpha());
    }
}
