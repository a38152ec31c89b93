package io.lmkit.eval.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A model family to train on the long-range corpus: a model plugin and its settings under a label.
 *
 * @param label    the name in the report, e.g. {@code mkn-3}
 * @param plugin   the plugin name, e.g. {@code modified-kneser-ney}
 * @param settings config overrides by key (unknown keys are errors when the model is built)
 * @param context  the positions the model's window holds, when it has a fixed one (a Transformer's
 *                 {@code context}): the report marks distances beyond it, where the key is out of
 *                 sight and accuracy is expected to be chance; empty for a model with no such window
 */
public record LongRangeFamily(String label, String plugin, Map<String, String> settings, OptionalInt context) {

    /** Copies the settings, keeping their order for the report; checks the context. */
    public LongRangeFamily {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        if (context.isPresent() && context.getAsInt() < 2) {
            throw new IllegalArgumentException("a context holds at least 2 positions (<s> and a word), got "
                    + context.getAsInt());
        }
    }

    /** A family without a fixed context window. */
    public LongRangeFamily(String label, String plugin, Map<String, String> settings) {
        this(label, plugin, settings, OptionalInt.empty());
    }
}
