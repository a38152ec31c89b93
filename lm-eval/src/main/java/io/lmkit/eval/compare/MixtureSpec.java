package io.lmkit.eval.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * One line of a comparison config that interpolates two of its models linearly, with the weight
 * tuned on the validation split ({@link io.lmkit.eval.LinearMixture}): Bengio et al.'s "neural +
 * n-gram" mix. Written {@code FIRST + SECOND [@ LABEL]}, e.g. {@code lstm + mkn-5}; the first part
 * may list candidates, {@code rnn|lstm|gru + mkn-5}, and then the candidate with the lowest
 * validation perplexity is mixed (chosen on validation, so the test split stays unseen).
 *
 * @param label  the row's name
 * @param first  labels of the candidate first models (one or more)
 * @param second the label of the second model
 */
public record MixtureSpec(String label, List<String> first, String second) {

    /** Validates and copies. */
    public MixtureSpec {
        first = List.copyOf(first);
        if (first.isEmpty() || first.stream().anyMatch(String::isBlank) || second.isBlank() || label.isBlank()) {
            throw new IllegalArgumentException("mixture '" + label + "' needs a first and a second model label");
        }
    }

    /**
     * Parses {@code FIRST[|FIRST...] + SECOND [@ LABEL]}; the label defaults to {@code FIRST+SECOND}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MixtureSpec parse(String text) {
        String body = text;
        String label = null;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            label = text.substring(at + 1).strip();
            body = text.substring(0, at);
        }
        String[] parts = body.split("\\+");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("mixture '" + text + "' is not of the form FIRST + SECOND [@ LABEL],"
                    + " e.g. 'lstm + mkn-5' or 'rnn|lstm|gru + mkn-5 @ best-neural+mkn-5'");
        }
        List<String> first = Arrays.stream(parts[0].split("\\|")).map(String::strip).toList();
        String second = parts[1].strip();
        return new MixtureSpec(label == null || label.isEmpty() ? String.join("|", first) + "+" + second : label,
                first, second);
    }

    /** The spec as it is written in a config file. */
    @JsonValue
    public String text() {
        return String.join("|", first) + " + " + second + " @ " + label;
    }
}
