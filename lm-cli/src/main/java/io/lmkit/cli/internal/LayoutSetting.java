package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.plugin.NgramConfig;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The storage layout chosen at estimation with {@code --set layout=trie} (and {@code quantizeProb},
 * {@code quantizeBackoff}): settings of how the model file stores an n-gram model's tables, not of the
 * estimate, so they are taken out of the settings before the model's config is bound, and the trained model
 * is converted before it is written (as {@code lmkit ngram convert} would).
 */
final class LayoutSetting {

    static final String LAYOUT = "layout";
    static final String QUANTIZE_PROB = "quantizeProb";
    static final String QUANTIZE_BACKOFF = "quantizeBackoff";

    private LayoutSetting() {
    }

    /**
     * Removes the layout settings from {@code settings}, and returns the layout they ask for (empty when
     * none is given); a usage error for a model that is not an n-gram model or for bad values.
     */
    static Optional<NgramLayout> take(Map<String, String> settings, ModelProvider<?> provider, CommandLine cli) {
        String name = settings.remove(LAYOUT);
        String prob = settings.remove(QUANTIZE_PROB);
        String backoff = settings.remove(QUANTIZE_BACKOFF);
        if (name == null && prob == null && backoff == null) {
            return Optional.empty();
        }
        if (!NgramConfig.class.isAssignableFrom(provider.configType())) {
            throw new ParameterException(cli, "--set " + LAYOUT + ", " + QUANTIZE_PROB + " and " + QUANTIZE_BACKOFF
                    + " are for n-gram models; model '" + provider.name() + "' has no table layout");
        }
        try {
            return Optional.of(new NgramLayout(name == null ? "probing" : name, bits(prob, QUANTIZE_PROB),
                    bits(backoff, QUANTIZE_BACKOFF)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "--set " + LAYOUT + "=" + name + ": " + e.getMessage());
        }
    }

    private static int bits(String value, String key) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of bits, got '" + value + "'", e);
        }
    }

    /** The trained model in {@code layout}; an n-gram model of counts (mle, laplace, lidstone) has none. */
    static LanguageModel apply(LanguageModel trained, Optional<NgramLayout> layout, String modelName) {
        if (layout.isEmpty()) {
            return trained;
        }
        if (!(trained instanceof NgramModel ngram)) {
            throw new LmkitException("--set " + LAYOUT + ": model '" + modelName + "' keeps counts, not tables in"
                    + " backoff form, so it has no table layout; drop the setting. No model was written");
        }
        return ngram.withLayout(layout.get());
    }
}
