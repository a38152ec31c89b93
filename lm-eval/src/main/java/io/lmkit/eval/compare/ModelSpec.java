package io.lmkit.eval.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a comparison: a model plugin with its settings, under a label for the report.
 *
 * @param label    the row's name, e.g. {@code mkn-5}
 * @param model    the plugin name, e.g. {@code modified-kneser-ney}
 * @param settings config overrides by key; unknown keys are errors when the model is built
 */
public record ModelSpec(String label, String model, Map<String, String> settings) {

    /** Copies the settings so the spec is a value. */
    public ModelSpec {
        settings = Map.copyOf(new LinkedHashMap<>(settings));
    }

    /**
     * Parses {@code MODEL[:key=value,key=value][@LABEL]}, e.g.
     * {@code modified-kneser-ney:order=5@mkn-5}; the label defaults to the whole text before '@'.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static ModelSpec parse(String text) {
        String body = text;
        String label = null;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            label = text.substring(at + 1);
            body = text.substring(0, at);
        }
        String model = body;
        Map<String, String> settings = new LinkedHashMap<>();
        int colon = body.indexOf(':');
        if (colon >= 0) {
            model = body.substring(0, colon);
            for (String pair : body.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + pair + "' in model spec '" + text + "' is not key=value;"
                            + " write MODEL:key=value,key=value");
                }
                settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model spec '" + text + "' names no model");
        }
        return new ModelSpec(label == null || label.isBlank() ? body : label, model, settings);
    }
}
