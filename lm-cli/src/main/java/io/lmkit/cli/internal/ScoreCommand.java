package io.lmkit.cli.internal;

import io.lmkit.eval.ScoringProtocol;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import jakarta.inject.Inject;
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
        LoadedModel loaded = LoadedModel.load(model, models, tokenizers);
        ScoreRun.run(new ScoreRun.Request(model, json ? Format.json : format,
                protocolOption.orElse(ScoringProtocol.SENTENCE), invalidUtf8.policy(), text, input), loaded,
                environment.in(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
