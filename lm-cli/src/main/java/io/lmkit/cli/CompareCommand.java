package io.lmkit.cli;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.compare.Comparison;
import io.lmkit.eval.compare.ComparisonReport;
import io.lmkit.eval.compare.ComparisonRow;
import io.lmkit.eval.compare.ModelSpec;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit compare}: the head-to-head comparison of model families on brown-v1 (or any split
 * folder), every model trained on the same split and vocabulary and evaluated on the same test.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train and evaluate several models on the same splits and print a table (model, test",
            "perplexity, bits/token, size, training time); write report.md, results.csv and results.json.",
            "Without --models: modified Kneser-Ney of orders 2-5, fixed-window and lstm on brown-v1."})
final class CompareCommand implements Runnable {

    private static final Logger LOG = LogManager.getLogger(CompareCommand.class);

    @Option(names = "--data", defaultValue = "data/brown-v1", paramLabel = "DIR",
            description = "Folder with brown.{train,valid,test}.txt and vocab.txt; brown-v1 is prepared there if"
                    + " missing (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--models", paramLabel = "MODEL[:k=v,...][@LABEL]",
            description = "A model to compare, e.g. modified-kneser-ney:order=4@mkn-4 (repeatable).")
    private List<String> models = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "A file of model specs, one a line ('#' comments).")
    private Path config;

    @Option(names = "--budget-minutes", defaultValue = "6", paramLabel = "N",
            description = "Training time of the default neural models together (default: ${DEFAULT-VALUE}).")
    private double budgetMinutes;

    @Option(names = "--out", defaultValue = "reports/compare", paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of every model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print the results as JSON instead of the table.")
    private boolean json;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cache/lmkit",
            description = "Where a fetched Brown corpus is kept.")
    private Path cache;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> registry;

    @Inject
    CompareCommand(PluginRegistry<ModelProvider<?>> registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        if (!(budgetMinutes > 0)) {
            throw new ParameterException(spec.commandLine(), "--budget-minutes must be positive, got " + budgetMinutes);
        }
        List<ModelSpec> specs = specs();
        prepareBrownIfMissing();
        Vocabulary vocabulary = Vocabulary.load(data.resolve(BrownSplits.VOCABULARY_FILE));
        PlainTextSentences reader = new PlainTextSentences(new WhitespaceTokenizerProvider().create());
        Corpus train = Corpus.read(data.resolve(BrownSplits.Split.TRAIN.fileName()), reader, vocabulary);
        Corpus valid = Corpus.read(data.resolve(BrownSplits.Split.VALID.fileName()), reader, vocabulary);
        Corpus test = Corpus.read(data.resolve(BrownSplits.Split.TEST.fileName()), reader, vocabulary);
        PrintWriter err = spec.commandLine().getErr();
        Comparison comparison = new Comparison(registry, event -> {
            if (event instanceof TrainingEvent.Validated v) {
                LOG.info("validation perplexity {} after {} tokens", v.validPerplexity(), v.tokensSeen());
            }
        });
        List<ComparisonRow> rows = comparison.run(specs, new TrainingData(train, Optional.of(valid)), test, seed,
                line -> {
                    err.println(line);
                    err.flush();
                });
        ComparisonReport.write(out, "lmkit comparison on " + data, rows);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(ComparisonReport.json(rows));
            return;
        }
        o.print(ComparisonReport.markdown(rows));
        o.printf(Locale.ROOT, "%nfull report: %s (and results.csv, results.json)%n", out.resolve("report.md"));
    }

    private List<ModelSpec> specs() {
        List<String> texts = new ArrayList<>(models);
        if (config != null) {
            try {
                for (String line : Files.readAllLines(config)) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        texts.add(t);
                    }
                }
            } catch (IOException e) {
                throw new LmkitException("cannot read comparison config " + config + ": " + e.getMessage(), e);
            }
        }
        List<ModelSpec> specs = new ArrayList<>();
        try {
            for (String t : texts) {
                specs.add(ModelSpec.parse(t));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (specs.isEmpty()) {
            specs.addAll(defaults(budgetMinutes));
        }
        for (ModelSpec s : specs) {
            try {
                registry.get(s.model());
            } catch (LmkitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return specs;
    }

    /** The main job: the n-gram family, Bengio's model and an LSTM, sized to the budget. */
    static List<ModelSpec> defaults(double budget) {
        List<ModelSpec> specs = new ArrayList<>();
        for (int order = 2; order <= 5; order++) {
            specs.add(ModelSpec.parse("modified-kneser-ney:order=" + order + "@mkn-" + order));
        }
        specs.add(ModelSpec.parse(String.format(Locale.ROOT, "fixed-window:order=5,hidden=200,dropout=0.1,"
                + "maxMinutes=%.2f@fixed-window", budget * 0.4)));
        specs.add(ModelSpec.parse(String.format(Locale.ROOT, "lstm:embedding=200,hidden=200,dropout=0.3,"
                + "maxMinutes=%.2f@lstm", budget * 0.5)));
        return specs;
    }

    private void prepareBrownIfMissing() {
        boolean present = Files.isRegularFile(data.resolve(BrownSplits.VOCABULARY_FILE));
        for (BrownSplits.Split s : BrownSplits.Split.values()) {
            present &= Files.isRegularFile(data.resolve(s.fileName()));
        }
        if (!present) {
            spec.commandLine().getErr().println("preparing brown-v1 in " + data);
            BrownSplits.prepare(BrownCorpusSource.locate(cache)).write(data);
        }
    }
}
