package io.lmkit.eval.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model family to train on the long-range corpus: a model plugin and its settings under a label.
 *
 * @param label    the name in the report, e.g. {@code mkn-3}
 * @param plugin   the plugin name, e.g. {@code modified-kneser-ney}
 * @param settings config overrides by key (unknown keys are errors when the model is built)
 */
public record LongRangeFamily(String label, String plugin, Map<String, String> settings) {

    /** Copies the settings, keeping their order for the report. */
    public LongRangeFamily {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
