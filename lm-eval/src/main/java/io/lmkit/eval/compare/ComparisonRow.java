package io.lmkit.eval.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;

/**
 * The measurements of one model (or mixture) in a comparison, all on the same splits and vocabulary.
 *
 * @param label                  the row's name
 * @param model                  the plugin, or {@code mixture}
 * @param config                 every setting the model was trained with (a mixture: its two models and weight)
 * @param validPerplexity        perplexity on the validation split (NaN for a score model)
 * @param testPerplexity         perplexity on the test split (NaN for a score model)
 * @param bitsPerToken           test cross-entropy in bits per token
 * @param size                   stored n-grams or parameters (-1 when the model does not say)
 * @param sizeUnit               the unit of {@code size}
 * @param memoryBytes            bytes of memory the trained model takes ({@link #UNKNOWN_MEMORY} when
 *                               unknown: "unknown" in the report, {@code null} in results.json, -1 in
 *                               results.csv as for {@code size}); see {@link ModelInspector} for how it is measured
 * @param trainSeconds           wall time of training (for a mixture: of tuning its weight)
 * @param scoringTokensPerSecond test tokens scored per second through the LanguageModel API
 * @param note                   anything the numbers need said (zero probabilities, scores)
 * @param budget                 the training budget and what was used of it
 * @param protocol               what the perplexities are: {@code sentence}, {@code stream}, or
 *                               {@code stream (per sentence)} for a model that restarts at every
 *                               sentence under the stream protocol (see
 *                               {@link io.lmkit.eval.ScoringProtocol#label})
 */
public record ComparisonRow(String label, String model, Map<String, String> config, double validPerplexity,
                            double testPerplexity, double bitsPerToken, long size, String sizeUnit,
                            @JsonSerialize(using = UnknownAsNull.class) long memoryBytes, double trainSeconds,
                            double scoringTokensPerSecond, String note, TrainingBudget budget, String protocol) {

    /** {@link #memoryBytes()} when the memory could not be measured. */
    public static final long UNKNOWN_MEMORY = -1;

    /** Copies the config, keeping its order. */
    public ComparisonRow {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        budget = budget == null ? TrainingBudget.UNKNOWN : budget;
        protocol = protocol == null ? "sentence" : protocol;
    }

    /** A row of the sentence protocol. */
    public ComparisonRow(String label, String model, Map<String, String> config, double validPerplexity,
                         double testPerplexity, double bitsPerToken, long size, String sizeUnit, long memoryBytes,
                         double trainSeconds, double scoringTokensPerSecond, String note, TrainingBudget budget) {
        this(label, model, config, validPerplexity, testPerplexity, bitsPerToken, size, sizeUnit, memoryBytes,
                trainSeconds, scoringTokensPerSecond, note, budget, null);
    }

    /** A row of the sentence protocol without budget information. */
    public ComparisonRow(String label, String model, Map<String, String> config, double validPerplexity,
                         double testPerplexity, double bitsPerToken, long size, String sizeUnit, long memoryBytes,
                         double trainSeconds, double scoringTokensPerSecond, String note) {
        this(label, model, config, validPerplexity, testPerplexity, bitsPerToken, size, sizeUnit, memoryBytes,
                trainSeconds, scoringTokensPerSecond, note, TrainingBudget.UNKNOWN);
    }

    /** Writes a negative count (unknown) as JSON {@code null}, so that no script reads it as a size. */
    static final class UnknownAsNull extends StdSerializer<Long> {
        UnknownAsNull() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (value < 0) {
                json.writeNull();
            } else {
                json.writeNumber(value);
            }
        }
    }
}
