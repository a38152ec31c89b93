package io.lmkit.eval;

import io.lmkit.core.model.LanguageModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a split is scored: sentence by sentence (brown-v1's protocol, every model restarting at
 * {@code <s>}), or as one stream (the Penn Treebank literature's for recurrent models: Mikolov's
 * RNNLM, Zaremba et al. 2014, PyTorch's word_language_model), the context carried from each sentence
 * into the next. Under {@link #STREAM} a model that does not {@linkplain LanguageModel#carriesContext
 * carry context} (n-gram models, as in KenLM and SRILM; plugins that do not override
 * {@link LanguageModel#scoreStream}) is still scored per sentence, and {@link #label} says so.
 */
public enum ScoringProtocol {
    /** Every sentence from {@code <s>} on its own. */
    SENTENCE,
    /** The split as one stream, context carried across sentences by the models that can. */
    STREAM;

    /** The name as the option and the config key take it: {@code sentence} or {@code stream}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code sentence} or {@code stream}.
     *
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static ScoringProtocol parse(String text) {
        for (ScoringProtocol p : values()) {
            if (p.id().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + text + "'; valid: "
                + Arrays.stream(values()).map(ScoringProtocol::id).toList());
    }

    /**
     * What the numbers of {@code model} under this protocol are, for every table and JSON:
     * {@code sentence}, {@code stream}, or {@code stream (per sentence)} for a model that restarts at
     * every sentence under the stream protocol.
     */
    public String label(LanguageModel model) {
        if (this == SENTENCE) {
            return "sentence";
        }
        return model.carriesContext() ? "stream" : "stream (per sentence)";
    }

    /** The ln-probabilities of {@code sentences} (consecutive sentences of a split) under this protocol. */
    public List<double[]> score(LanguageModel model, List<int[]> sentences) {
        return this == SENTENCE ? model.scoreSentences(sentences) : model.scoreStream(sentences);
    }
}
