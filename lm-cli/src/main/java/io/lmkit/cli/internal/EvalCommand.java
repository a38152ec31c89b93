package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressSentenceReader;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.eval.report.JsonOutput;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lmkit eval}: the perplexity of a saved model on a text file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Report perplexity, bits per token and token count of a model on a text file.",
            "Tokens are the words plus one </s> per sentence (the SRILM/KenLM convention). The perplexity is"
                + " over all tokens, <unk> included (the protocol's); a second one leaves the <unk> tokens out"
                + " (SRILM's ngram -ppl, KenLM's \"excluding OOVs\").",
            "--protocol stream scores the text as one stream (see the README's 'Stream protocol')."})
final class EvalCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model file.")
    private Path model;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Text to score, one sentence a line.")
    private Path test;

    @Option(names = "--json", description = "Print the result as one JSON object.")
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
    EvalCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers,
                CliEnvironment environment) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.environment = environment;
    }

    @Override
    public void run() {
        ModelFile.Loaded loaded = ModelFile.load(model, models);
        PlainTextSentences reader = new PlainTextSentences(tokenizers.get(loaded.manifest().tokenizer()).create(),
                invalidUtf8.policy());
        Corpus corpus = Corpus.read(test, new ProgressSentenceReader(reader, environment.progress(spec), "reading"),
                loaded.model().vocabulary());
        ScoringProtocol protocol = protocolOption.orElse(ScoringProtocol.SENTENCE);
        PerplexityResult r = new PerplexityEvaluator().evaluate(loaded.model(), corpus, protocol);
        print(spec.commandLine().getOut(), new Printed(model, loaded.manifest().model(), test,
                protocol.label(loaded.model()), json), r);
    }

    /**
     * What the report names besides the numbers.
     *
     * @param model     the model file
     * @param modelName the plugin that made it
     * @param test      the text file
     * @param label     the protocol's label ({@link ScoringProtocol#label})
     * @param json      whether to print one JSON object
     */
    record Printed(Path model, String modelName, Path test, String label, boolean json) {
    }

    /** Prints the result as eval does (also for {@link NgramEvalFastPath}, which must print the same bytes). */
    static void print(PrintWriter out, Printed p, PerplexityResult r) {
        if (p.json()) {
            out.println(JsonOutput.line(new EvalJson(p.model().toString(), p.modelName(), p.test().toString(),
                    r.perplexity(), r.bitsPerToken(), r.tokens(), r.words(), r.sentences(), r.unknownWords(),
                    r.zeroProbabilityTokens(), r.unkTokens(), r.perplexityExcludingUnk(), p.label())));
            return;
        }
        out.printf(Locale.ROOT, "model        %s (%s)%n", p.model(), p.modelName());
        out.printf(Locale.ROOT, "test         %s%n", p.test());
        out.printf(Locale.ROOT, "protocol     %s%n", describe(p.label()));
        out.printf(Locale.ROOT, "perplexity   %.4f over all %d tokens, <unk> included (brown-v1's PROTOCOL.md)%n",
                r.perplexity(), r.tokens());
        out.printf(Locale.ROOT, "ppl w/o unk  %.4f over the %d tokens that are not <unk> (SRILM's ngram -ppl)%n",
                r.perplexityExcludingUnk(), r.tokens() - r.unkTokens());
        out.printf(Locale.ROOT, "bits/token   %.4f%n", r.bitsPerToken());
        out.printf(Locale.ROOT, "tokens       %d (%d words + %d </s>)%n", r.tokens(), r.words(), r.sentences());
        out.printf(Locale.ROOT, "unknown      %d %s <unk>: %d words outside the vocabulary, %d written <unk>%n",
                r.unkTokens(), r.unkTokens() == 1 ? "token is" : "tokens are", r.unknownWords(),
                r.unkTokens() - r.unknownWords());
        if (r.zeroProbabilityTokens() > 0) {
            out.printf(Locale.ROOT, "zero-prob    %d tokens had probability 0, so perplexity is infinite%n",
                    r.zeroProbabilityTokens());
        }
    }

    /** The protocol's label with what it means, for the text output. */
    private static String describe(String label) {
        return switch (label) {
            case "sentence" -> "sentence (every sentence from <s>)";
            case "stream" -> "stream (the context carried across sentences)";
            default -> label + " (this model restarts at every <s>)";
        };
    }

    /**
     * The {@code --json} document; its field names are what scripts read, so they stay as they are and new
     * ones come last: {@code unkTokens} counts the {@code <unk>} tokens (unknownWords only those outside the
     * vocabulary), {@code perplexityExcludingUnk} is over the other tokens, {@code protocol} says how the text was
     * scored ({@code sentence}, {@code stream} or {@code stream (per sentence)}).
     */
    private record EvalJson(String model, String modelName, String test, double perplexity, double bitsPerToken,
                            long tokens, long words, long sentences, long unknownWords, long zeroProbabilityTokens,
                            long unkTokens, double perplexityExcludingUnk, String protocol) {
    }
}
