package io.lmkit.cli.internal;

import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.report.JsonOutput;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit predict}: the most probable next words after a context, for one or more models side by side. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"List the most probable next words after the start of a sentence, with their probabilities,"
            + " for each model side by side.", "</s> as a candidate means the sentence ends there."})
final class PredictCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", showDefaultValue = Visibility.NEVER,
            description = "Model file (repeat to compare models side by side).")
    private List<Path> modelFiles = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "CONTEXT", showDefaultValue = Visibility.NEVER,
            description = "The start of a sentence (empty: its very start).")
    private List<String> context = new ArrayList<>();

    @Option(names = "--top", defaultValue = NextWords.DEFAULT_TOP, paramLabel = "K",
            description = "How many next words to list.")
    private int top;

    @Option(names = "--allow-unk", description = "List <unk> among the next words too (by default it is left out).")
    private boolean allowUnk;

    @Option(names = "--json", description = "Print the predictions as one JSON object.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;

    @Inject
    PredictCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers) {
        this.models = models;
        this.tokenizers = tokenizers;
    }

    @Override
    public void run() {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        String text = String.join(" ", context);
        List<LoadedModel> loaded = modelFiles.stream().map(f -> LoadedModel.load(f, models, tokenizers)).toList();
        List<List<NextWords.Candidate>> predictions = loaded.stream()
                .map(m -> NextWords.top(m.model(), m.words(text), top, allowUnk)).toList();
        spec.commandLine().getOut().print(json ? json(text, loaded, predictions) + System.lineSeparator()
                : table(text, loaded, predictions));
    }

    /** The predictions as a table: a rank column, then a word and probability column pair per model. */
    static String table(String context, List<LoadedModel> loaded, List<List<NextWords.Candidate>> predictions) {
        int rows = predictions.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> wordWidths = new ArrayList<>();
        List<Integer> columnWidths = new ArrayList<>();
        for (int m = 0; m < loaded.size(); m++) {
            int word = predictions.get(m).stream().mapToInt(c -> c.word().length()).max().orElse(0);
            wordWidths.add(word);
            // A column holds "word  0.1234" under the model's label.
            columnWidths.add(Math.max(loaded.get(m).label().length(), word + 2 + 6));
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "next word after \"%s\"%n", context));
        StringBuilder header = new StringBuilder("rank");
        for (int m = 0; m < loaded.size(); m++) {
            header.append("  ").append(pad(loaded.get(m).label(), columnWidths.get(m)));
        }
        b.append(header.toString().stripTrailing()).append(System.lineSeparator());
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d", r + 1));
            for (int m = 0; m < loaded.size(); m++) {
                List<NextWords.Candidate> p = predictions.get(m);
                String cell = r < p.size() ? pad(p.get(r).word(), wordWidths.get(m))
                        + String.format(Locale.ROOT, "  %.4f", p.get(r).probability()) : "";
                line.append("  ").append(pad(cell, columnWidths.get(m)));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String json(String context, List<LoadedModel> loaded, List<List<NextWords.Candidate>> predictions) {
        List<ModelJson> models = new ArrayList<>();
        for (int m = 0; m < loaded.size(); m++) {
            models.add(new ModelJson(loaded.get(m).file().toString(), loaded.get(m).manifest().model(),
                    predictions.get(m).stream().map(c -> new WordJson(c.word(), c.probability(), c.log10Prob()))
                            .toList()));
        }
        return JsonOutput.line(new PredictJson(context, models));
    }

    /** The {@code --json} document; its field names are what scripts read, so they stay as they are. */
    private record PredictJson(String context, List<ModelJson> models) {
    }

    private record ModelJson(String model, String modelName, List<WordJson> predictions) {
    }

    private record WordJson(String word, double probability, double log10Prob) {
    }
}
