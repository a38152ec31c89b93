package io.lmkit.eval.compare;

import java.util.Map;
import java.util.Optional;

/**
 * The note a comparison row gets when a model was trained for the other protocol: a recurrent
 * model's {@code sentenceReset=true} (every sentence from a zero state) is the training for the
 * sentence protocol, {@code sentenceReset=false} (the state carried across sentences, Mikolov's and
 * Zaremba's setting) the training for the stream protocol.
 */
final class ProtocolNote {

    /** The setting of recurrent models that says how their state was trained. */
    static final String SENTENCE_RESET = "sentenceReset";

    private ProtocolNote() {
    }

    /**
     * The mismatch of a model trained with {@code settings} and scored under {@code protocolLabel}
     * (a {@link io.lmkit.eval.ScoringProtocol#label}), or none.
     */
    static Optional<String> of(Map<String, String> settings, String protocolLabel) {
        String reset = settings.get(SENTENCE_RESET);
        if (reset == null) {
            return Optional.empty();
        }
        boolean stream = protocolLabel.equals("stream");
        if (stream && reset.equals("true")) {
            return Optional.of("protocol mismatch: trained with sentenceReset=true (each sentence from a zero state)"
                    + " but scored as a stream; sentenceReset=false trains for the stream protocol");
        }
        if (!stream && reset.equals("false")) {
            return Optional.of("protocol mismatch: trained with the state carried across sentences"
                    + " (sentenceReset=false) but scored per sentence; sentenceReset=true trains for this protocol");
        }
        return Optional.empty();
    }
}
