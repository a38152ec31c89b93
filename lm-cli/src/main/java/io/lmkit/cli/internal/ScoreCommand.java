package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.files.TextLines;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.report.JsonOutput;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit score}: the log10 probability of every word of some sentences, as KenLM's {@code query} prints it. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score sentences word by word, as KenLM's query prints them.",
            "Each word's log10 probability, the n-gram order that matched (n-gram models; '-' for others), and per"
                + " sentence the total and the out-of-vocabulary count; then the perplexity.",
            "The text comes from the arguments (one sentence), --input (one sentence a line) or standard input."})
final class ScoreCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model file.")
    private Path model;

    @Parameters(arity = "0..*", paramLabel = "TEXT", showDefaultValue = Visibility.NEVER, description = "A sentence to score.")
    private List<String> text = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FILE", description = "Score every line of FILE, one sentence a line.")
    private Path input;

    @Option(names = "--json", description = "Print the scores as one JSON object.")
    private boolean json;

    @Mixin
    private InvalidUtf8Option invalidUtf8;

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
        LoadedModel loaded = LoadedModel.load(model, models, tokenizers);
        List<SentenceScore> scores = new ArrayList<>();
        if (!text.isEmpty()) {
            String sentence = String.join(" ", text);
            scores.add(SentenceScore.of(loaded.model(), sentence, loaded.words(sentence)));
        } else if (input != null) {
            new PlainTextSentences(loaded.tokenizer(), invalidUtf8.policy()).read(input, (words, line) ->
                    scores.add(SentenceScore.of(loaded.model(), String.join(" ", words), words)));
        } else {
            readStandardInput(loaded, scores);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(model, loaded, scores));
            return;
        }
        for (SentenceScore s : scores) {
            out.println(kenlmLine(s));
            if (out.checkError()) {
                return; // Standard output failed (a full disk): Main reports it; the rest would be lost too.
            }
        }
        if (loaded.model().scoreKind() == ScoreKind.SCORE) {
            // Stupid backoff and the like: the numbers are scores, so a perplexity of them would mislead.
            out.printf("%s gives scores, not probabilities: no perplexity%n", loaded.manifest().model());
        } else {
            out.print(summary(scores));
        }
    }

    private void readStandardInput(LoadedModel loaded, List<SentenceScore> scores) {
        // The corpus readers' rules: strict UTF-8 and a bounded line, so a stream with no newline
        // (`< /dev/zero`) ends in an error naming the limit instead of filling the heap.
        TextLines.forEach(environment.in(), "standard input", invalidUtf8.policy(), (line, number) -> {
            List<String> words = loaded.words(line);
            if (!words.isEmpty()) {
                scores.add(SentenceScore.of(loaded.model(), line.strip(), words));
            }
        });
    }

    /**
     * One sentence as KenLM's query prints it: {@code word=id matched log10prob} for every word and
     * {@code </s>}, tab-separated, then {@code Total: T OOV: n}.
     */
    static String kenlmLine(SentenceScore s) {
        StringBuilder b = new StringBuilder();
        for (SentenceScore.WordScore w : s.words()) {
            b.append(w.word()).append('=').append(w.id()).append(' ')
                    .append(w.matchedOrder() > 0 ? Integer.toString(w.matchedOrder()) : "-").append(' ')
                    .append(log10(w.log10Prob())).append('\t');
        }
        return b.append("Total: ").append(log10(s.log10Total())).append(" OOV: ").append(s.oovCount()).toString();
    }

    /** The perplexity lines after the sentences, as KenLM's query ends. */
    static String summary(List<SentenceScore> scores) {
        double total = 0;
        double totalKnown = 0;
        long tokens = 0;
        long oov = 0;
        for (SentenceScore s : scores) {
            for (SentenceScore.WordScore w : s.words()) {
                total += w.log10Prob();
                tokens++;
                if (w.oov()) {
                    oov++;
                } else {
                    totalKnown += w.log10Prob();
                }
            }
        }
        return String.format(Locale.ROOT, "Perplexity including OOVs:\t%s%nPerplexity excluding OOVs:\t%s%n"
                + "OOVs:\t%d%nTokens:\t%d%n", perplexity(total, tokens), perplexity(totalKnown, tokens - oov), oov,
                tokens);
    }

    private static String perplexity(double log10Total, long tokens) {
        if (tokens == 0) {
            return "n/a";
        }
        double ppl = Math.pow(10, -log10Total / tokens);
        return Double.isFinite(ppl) ? String.format(Locale.ROOT, "%.4f", ppl) : "inf";
    }

    private static String log10(double v) {
        return v == Double.NEGATIVE_INFINITY ? "-inf" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String json(Path file, LoadedModel loaded, List<SentenceScore> scores) {
        List<SentenceJson> sentences = new ArrayList<>();
        long tokens = 0;
        long oov = 0;
        double total = 0;
        for (SentenceScore s : scores) {
            sentences.add(new SentenceJson(s.text(), s.words().stream().map(WordJson::of).toList(), s.log10Total(),
                    s.oovCount()));
            tokens += s.words().size();
            oov += s.oovCount();
            total += s.log10Total();
        }
        double ppl = tokens == 0 || loaded.model().scoreKind() == ScoreKind.SCORE ? Double.NaN
                : Math.pow(10, -total / tokens);
        return JsonOutput.line(new ScoreJson(file.toString(), loaded.manifest().model(), sentences, tokens, oov, total,
                ppl));
    }

    /** The {@code --json} document; its field names are what scripts read, so they stay as they are. */
    private record ScoreJson(String model, String modelName, List<SentenceJson> sentences, long tokens, long oov,
                             double log10Total, double perplexity) {
    }

    private record SentenceJson(String text, List<WordJson> words, double log10Total, long oov) {
    }

    /** One word; {@code matchedOrder} is null for a model that has no n-gram order to report. */
    private record WordJson(String word, int id, boolean oov, double log10Prob, Integer matchedOrder) {

        static WordJson of(SentenceScore.WordScore w) {
            return new WordJson(w.word(), w.id(), w.oov(), w.log10Prob(),
                    w.matchedOrder() > 0 ? w.matchedOrder() : null);
        }
    }
}
