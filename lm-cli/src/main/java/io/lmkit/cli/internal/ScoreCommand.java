package io.lmkit.cli.internal;

import io.lmkit.core.files.TextLines;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.ngram.KenlmWordIds;
import io.lmkit.ngram.NgramModel;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit score}: the log10 probability of every word of some sentences, as KenLM's {@code query}
 * prints it. It streams: each line is scored, written and flushed before the next is read, and
 * only running totals are kept, so memory is the same for ten sentences or ten million.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score sentences word by word, as KenLM's query prints them.",
            "Each word's log10 probability, the n-gram order that matched (n-gram and count models; '-' for"
                + " others), and per sentence the total and the out-of-vocabulary count; then the perplexity.",
            "The text comes from the arguments (one sentence), --input (one sentence a line) or standard input;"
                + " each line's result is written as soon as the line is read.",
            "Formats: text (lmkit's), kenlm (exactly what KenLM's query writes) and json (one JSON object)."})
final class ScoreCommand implements Runnable {

    /** The output formats; the constants are the option's values as typed, hence lower case. */
    enum Format { text, kenlm, json }

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model file.")
    private Path model;

    @Parameters(arity = "0..*", paramLabel = "TEXT", showDefaultValue = Visibility.NEVER, description = "A sentence to score.")
    private List<String> text = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FILE", description = "Score every line of FILE, one sentence a line.")
    private Path input;

    @Option(names = "--format", paramLabel = "text|kenlm|json", defaultValue = "text",
            description = {"text: lmkit's layout (four decimals, '-' for a model without n-grams); empty lines"
                + " are skipped.",
                "kenlm: byte for byte what KenLM's query writes to standard output for the same model and text:"
                    + " word=id length log10p per word, Total: and OOV: per line (an empty line too), then the"
                    + " perplexity lines; and query's closing resource line (Name:... real:...) to standard"
                    + " error, with this process's values. The id is KenLM's: for a model read from an ARPA file,"
                    + " the id query gives the word in that file (<unk> 0, then the unigrams in file order);"
                    + " for any other model, lmkit's vocabulary id, which is what query gives after 'lmkit arpa"
                    + " export'. The length is 0 for a model without n-grams.",
                "json: one JSON object (as --json)."})
    private Format format;

    @Option(names = "--json", description = "Print the scores as one JSON object (same as --format json).")
    private boolean json;

    @Mixin
    private InvalidUtf8Option invalidUtf8;

    @Mixin
    private ProtocolOption protocolOption;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;
    private final CliEnvironment environment;

    @Inject
    ScoreCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers,
                 CliEnvironment environment) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.environment = environment;
    }

    @Override
    public void run() {
        if (input != null && !text.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the text either as arguments or with --input,"
                    + " not both");
        }
        if (json && format != Format.text && format != Format.json) {
            throw new ParameterException(spec.commandLine(), "--json is --format json; give one format");
        }
        Format chosen = json ? Format.json : format;
        LoadedModel loaded = LoadedModel.load(model, models, tokenizers);
        ScoringProtocol protocol = protocolOption.orElse(ScoringProtocol.SENTENCE);
        String label = protocol.label(loaded.model());
        ScoreOutput output = output(chosen, loaded, label);
        Scorer scorer = new Scorer(loaded, output, chosen == Format.kenlm, protocol == ScoringProtocol.STREAM);
        try {
            if (!text.isEmpty()) {
                String sentence = String.join(" ", text);
                scorer.line(sentence, loaded.words(sentence), "the arguments", 1);
            } else if (input != null) {
                TextLines.forEach(input, "corpus file", invalidUtf8.policy(), (line, number) -> {
                    List<String> words = loaded.words(line);
                    scorer.line(String.join(" ", words), words, input.toString(), number);
                });
            } else {
                // The corpus readers' rules: strict UTF-8 and a bounded line, so a stream with no newline
                // (`< /dev/zero`) ends in an error naming the limit instead of filling the heap.
                TextLines.forEach(environment.in(), "standard input", invalidUtf8.policy(),
                        (line, number) -> scorer.line(line.strip(), loaded.words(line), "standard input", number));
            }
        } catch (OutputFailed e) {
            return; // Standard output failed (a full disk): Main reports it; the rest would be lost too.
        }
        output.finish();
    }

    private ScoreOutput output(Format chosen, LoadedModel loaded, String protocol) {
        PrintWriter out = spec.commandLine().getOut();
        String refusal = loaded.model().scoreKind() == ScoreKind.SCORE
                ? loaded.manifest().model() + " gives scores, not probabilities: no perplexity" : null;
        return switch (chosen) {
            case text -> new TextScoreOutput(out, refusal, protocol);
            case kenlm -> kenlm(loaded, refusal, protocol);
            case json -> new JsonScoreOutput(out, model.toString(), loaded.manifest().model(), refusal == null, protocol);
        };
    }

    /**
     * KenLM's layout, byte for byte on standard output; the protocol, which query's output has no place for,
     * goes to standard error when it is not the sentence protocol.
     */
    private ScoreOutput kenlm(LoadedModel loaded, String refusal, String protocol) {
        if (!protocol.equals("sentence")) {
            spec.commandLine().getErr().println("lmkit: protocol " + protocol + " (the scores below are of the text as"
                    + " one stream)");
        }
        return new KenlmScoreOutput(spec.commandLine().getOut(), loaded.model() instanceof NgramModel ngram
                ? ngram.kenlmWordIds() : KenlmWordIds.SAME_AS_LMKIT, refusal, new QueryUsageLine(spec.commandLine().getErr()));
    }

    /** Scores one line at a time into the output. */
    private final class Scorer {
        private final LoadedModel loaded;
        private final ScoreOutput output;
        private final boolean scoreEmptyLines;
        private final boolean stream;
        /** Where the next sentence starts: begin(), or under the stream protocol what the last one left. */
        private ModelState start;

        Scorer(LoadedModel loaded, ScoreOutput output, boolean scoreEmptyLines, boolean stream) {
            this.loaded = loaded;
            this.output = output;
            this.scoreEmptyLines = scoreEmptyLines;
            this.stream = stream;
            this.start = loaded.model().begin();
        }

        void line(String sentence, List<String> words, String source, long number) {
            if (words.isEmpty() && !scoreEmptyLines) {
                return;
            }
            SentenceScore.refuseSentenceStart(words, source + ":" + number);
            SentenceScore.Continued scored = SentenceScore.continued(loaded.model(), start, sentence, words);
            output.sentence(scored.score());
            start = stream ? scored.next() : loaded.model().begin();
            if (spec.commandLine().getOut().checkError()) {
                throw new OutputFailed();
            }
        }
    }

    /** Standard output failed; scoring stops and Main reports the failure. */
    private static final class OutputFailed extends RuntimeException {
        OutputFailed() {
            super(null, null, false, false);
        }
    }
}
