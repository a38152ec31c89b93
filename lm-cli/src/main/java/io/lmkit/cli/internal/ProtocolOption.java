package io.lmkit.cli.internal;

import io.lmkit.eval.ScoringProtocol;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --protocol} option of eval, score and compare (a picocli mixin): how a text is scored,
 * sentence by sentence or as one stream.
 */
final class ProtocolOption {

    @Option(names = "--protocol", paramLabel = "sentence|stream", converter = Converter.class,
            description = {"sentence: every sentence from <s> on its own (brown-v1's protocol; the default).",
                "stream: the text as one stream, as the Penn Treebank literature scores recurrent models: a"
                    + " recurrent model's state and a fixed-window model's window run on from each sentence into the"
                    + " next (</s> predicted, then <s> as the one boundary input, no reset); n-gram models still"
                    + " restart at <s>, as KenLM and SRILM do."})
    private ScoringProtocol protocol;

    /** The protocol given, else {@code fallback}. */
    ScoringProtocol orElse(ScoringProtocol fallback) {
        return protocol != null ? protocol : fallback;
    }

    /** Whether the option was given. */
    boolean given() {
        return protocol != null;
    }

    /** Reads "sentence" or "stream"; anything else is a usage error naming the two values. */
    static final class Converter implements ITypeConverter<ScoringProtocol> {
        @Override
        public ScoringProtocol convert(String value) {
            try {
                return ScoringProtocol.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--protocol must be 'sentence' or 'stream', got '" + value + "'");
            }
        }
    }
}
