package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressSentenceReader;
import io.lmkit.cli.internal.progress.TrainingProgress;
import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.corpus.SplitFolder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.train.IterativeConfig;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.train.TrainingStoppedException;
import io.lmkit.eval.compare.Comparison;
import io.lmkit.eval.compare.ComparisonConfig.ModelEntry;
import io.lmkit.eval.compare.ComparisonConfig;
import io.lmkit.eval.compare.ComparisonConfigFile;
import io.lmkit.eval.compare.ComparisonData;
import io.lmkit.eval.compare.ComparisonPlots;
import io.lmkit.eval.compare.ComparisonReport;
import io.lmkit.eval.compare.ComparisonResult;
import io.lmkit.eval.compare.ComparisonWork;
import io.lmkit.eval.compare.MixtureSpec;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.compare.ModelSpec;
import io.lmkit.eval.compare.Provenance;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.eval.probe.ClozeInspector;
import io.lmkit.eval.probe.ClozeSuite;
import io.lmkit.neural.backend.Backends;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit compare}: the head-to-head comparison of model families on brown-v1 (or any split
 * folder), every model trained on the same split and vocabulary and evaluated on the same test,
 * with mixtures, a paired bootstrap of every pair, learning curves, plots and provenance.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train and evaluate several models on the same splits, mix and compare them",
            "(paired bootstrap), and print a table: perplexity, bits/token, size, memory,",
            "training time. Writes report.md, report.html, results.csv, significance.csv,",
            "learning-curves.csv, results.json and plots/*.png into --out.",
            "Without models: modified Kneser-Ney of orders 2-5, fixed-window and lstm."})
final class CompareCommand implements Runnable {

    /**
     * The logger, looked up when first used: picocli creates every command at start-up, and a logger in a
     * static field would start Log4j for every command, also those that never log (see LogLevel).
     */
    private static Logger log() {
        return LogManager.getLogger(CompareCommand.class);
    }

    /** Sentences of each split a quick run uses: enough for every model to learn something. */
    static final int QUICK_TRAIN_SENTENCES = 2000;
    static final int QUICK_EVAL_SENTENCES = 200;
    static final double QUICK_BUDGET_MINUTES = 0.3;
    /**
     * The default job's work budgets. Measured on the quiet 2-core machine (BENCHMARKS.md, "With work
     * budgets and a validation sample"): fixed-window trains at about 4,700 tokens/s and lstm at about
     * 5,300, so 600,000 tokens (0.72 epochs) take 144 s and 1,200,000 (1.44 epochs) 283 s with their
     * validation passes on the sample, and the whole job, build included, 9.5 minutes. Less training
     * loses the story: at 600,000 tokens fixed-window is only 2.98 perplexity points below mkn-5.
     */
    static final long DEFAULT_FIXED_WINDOW_TOKENS = 600_000;
    static final long DEFAULT_LSTM_TOKENS = 1_200_000;
    /**
     * The main job's validation sample during training (every 5th sentence of brown-v1's 212,000
     * validation tokens): 17 passes over the whole split took 4.5 of its 14.7 minutes.
     */
    static final long DEFAULT_VALIDATION_TOKENS = 50_000;
    /** The smoke run's work budget per neural model: about two epochs of its 2,000 training sentences. */
    static final long QUICK_TOKENS = 100_000;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with train.txt, valid.txt, test.txt and vocab.txt (or brown.train.txt ... as older"
                    + " brown-v1 folders have them); brown-v1 is prepared there if missing (default: the config's data, else data/brown-v1).")
    private Path data;

    @Option(names = "--train", paramLabel = "FILE",
            description = "A corpus that comes split already: the training file (with --valid and --test; instead of"
                    + " --data). The vocabulary is built from it (--min-count, --max-vocab) unless --vocab is given.")
    private Path trainFile;

    @Option(names = "--valid", paramLabel = "FILE", description = "The validation file (with --train and --test).")
    private Path validFile;

    @Option(names = "--test", paramLabel = "FILE", description = "The test file (with --train and --valid).")
    private Path testFile;

    @Option(names = "--vocab", paramLabel = "FILE", description = "The vocabulary of --train/--valid/--test (default:"
            + " built from the training file).")
    private Path vocabFile;

    @Option(names = "--min-count", paramLabel = "N",
            description = "With --train: keep words seen at least N times in the training file (default 1).")
    private Long minCount;

    @Option(names = "--max-vocab", paramLabel = "N",
            description = "With --train: keep at most the N most frequent words (default: no limit).")
    private Integer maxVocab;

    @Mixin
    private ProtocolOption protocol;

    @Option(names = "--models", paramLabel = "MODEL[:k=v,...][@LABEL]", showDefaultValue = Visibility.NEVER,
            description = "A model to compare, e.g. modified-kneser-ney:order=4@mkn-4 (repeatable; added to the"
                    + " config's models).")
    private List<String> models = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A comparison config: .yaml/.yml/.json (models, budgets, mixtures, seed, outputs; see the"
                    + " README), or a text file of model specs, one a line ('#' comments).")
    private Path config;

    @Option(names = "--budget-minutes", paramLabel = "N",
            description = "Train on the clock instead: N minutes in total for the neural models; the config's"
                    + " per-model budgets (minutes, or tokens in their proportions) are scaled to fit. The numbers"
                    + " then depend on the machine's speed (default: work budgets in tokens, the same everywhere).")
    private Double budgetMinutes;

    @Option(names = "--budget-tokens", paramLabel = "N",
            description = "Total training tokens of the neural models (a work budget: the same numbers on any"
                    + " machine); the config's per-model token budgets are scaled to fit (default: the config's,"
                    + " else " + (DEFAULT_FIXED_WINDOW_TOKENS + DEFAULT_LSTM_TOKENS) + " for the default models, "
                    + 2 * QUICK_TOKENS + " with --quick).")
    private Long budgetTokens;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the report goes (default: the config's outputs.dir, else reports/compare).")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of every model and of the bootstrap (default: the"
            + " config's, else 1).")
    private Long seed;

    @Option(names = "--quick", description = "A smoke run in well under a minute: small models (unless models are"
            + " given), the first " + QUICK_TRAIN_SENTENCES + " training and " + QUICK_EVAL_SENTENCES
            + " validation/test sentences, " + QUICK_TOKENS + " training tokens per neural model.")
    private boolean quick;

    @Option(names = "--probes", negatable = true,
            description = "Score every model on the cloze probes (--no-probes: don't; default: the config's, on for"
                    + " the default and --quick models).")
    private Boolean probes;

    @Option(names = "--probe-suite", paramLabel = "FILE",
            description = "A cloze suite of your own (text or JSON, README 'Probes'); implies --probes.")
    private Path probeSuite;

    @Option(names = "--json", description = "Print the machine-readable result (results.json) instead of the table.")
    private boolean json;

    @Option(names = "--resume",
            description = "Continue a comparison that was killed or stopped: the neural models it finished are"
                    + " reused from the work folder OUT.work (kept beside --out until the report is written), the"
                    + " interrupted one resumes from its checkpoint. Give the same config, data and seed.")
    private boolean resume;

    @Option(names = "--keep-models",
            description = "Keep every trained model: the report folder gets models/LABEL.lmkit, the file the"
                    + " comparison evaluated, for lmkit eval, gradients, attention or a later comparison's"
                    + " {model: file, path: ...} entry (the output format 'models'; off by default, as model files"
                    + " can be large). Pre-built entries keep none: the report names their file.")
    private boolean keepModels;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cache/lmkit",
            description = "Where a fetched Brown corpus is kept.")
    private Path cache;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> registry;
    private final PluginRegistry<TokenizerProvider> tokenizers;
    private final CliEnvironment environment;
    private final Provider<Backends> backends;

    @Inject
    CompareCommand(PluginRegistry<ModelProvider<?>> registry, PluginRegistry<TokenizerProvider> tokenizers,
                   CliEnvironment environment, Provider<Backends> backends) {
        this.registry = registry;
        this.tokenizers = tokenizers;
        this.environment = environment;
        this.backends = backends;
    }

    @Override
    public void run() {
        ComparisonConfig c = config();
        refuseReportOverInputs(c);
        // Refused now rather than after hours of training: a report folder with other files, no work to resume.
        Path dir = Path.of(c.outputs().dir());
        ComparisonReport.checkReportFolder(dir);
        if (!resume && Files.isDirectory(workFolder(dir))) {
            spec.commandLine().getErr().println("lmkit: starting afresh: the interrupted comparison in "
                    + workFolder(dir) + " is discarded (--resume would have continued it)");
        }
        ComparisonWork work = resume ? ComparisonWork.resume(workFolder(dir)) : ComparisonWork.fresh(workFolder(dir));
        if (!c.data().isFiles()) {
            prepareBrownIfMissing(Path.of(c.data().folder()));
        }
        ProgressDisplay progress = environment.progress(spec);
        PlainTextSentences reader = new PlainTextSentences(tokenizers.get("whitespace").create());
        ProgressSentenceReader reading = new ProgressSentenceReader(reader, progress, "reading");
        PrintWriter err = spec.commandLine().getErr();
        ComparisonSplits splits = ComparisonSplits.read(c.data(), reading, err);
        Corpus train = splits.train();
        Corpus valid = splits.valid();
        Corpus test = splits.test();
        GradientFlowInspector gradientFlow = new GradientFlowInspector();
        AttentionInspector attention = new AttentionInspector();
        List<ModelInspector> inspectors = new ArrayList<>(List.of(new NgramInspector(), gradientFlow, attention));
        if (c.probes()) {
            inspectors.add(new ClozeInspector(c.probeSuite().isEmpty() ? ClozeSuite.defaultSuite()
                    : ClozeSuite.load(Path.of(c.probeSuite()))));
        }
        // Ctrl-C or SIGTERM while a neural model trains writes its checkpoint first, for --resume.
        Set<String> checkpointed = c.models().stream().filter(m -> !ModelEntry.PREBUILT.equals(m.model())
                        && IterativeConfig.isIterative(registry.get(m.model()).configType()))
                .map(ModelEntry::label).collect(Collectors.toSet());
        List<GracefulStop> stops = new ArrayList<>();
        Comparison comparison = Comparison.withListenerPerModel(registry, label -> new LoggedProgress(label,
                new TrainingProgress(progress, label), checkpointed.contains(label) ? install(stops) : null),
                inspectors);
        Provenance provenance = Provenance.capture(c, Clock.systemUTC());
        if (c.backend().isEmpty()) {
            provenance = provenance.withBackend(defaultBackend(provenance.backend()));
        }
        if (provenance.uncommittedChanges()) {
            err.println("lmkit: " + Provenance.UNCOMMITTED_NOTE + " (git commit " + provenance.gitCommit()
                    + "); the report says so. Commit first for numbers anyone can reproduce");
            err.flush();
        }
        comparison = comparison.withWork(work);
        ComparisonResult result;
        try {
            result = comparison.run(c, new TrainingData(train, Optional.of(valid)), test, line -> {
                err.println(line);
                err.flush();
            });
        } catch (TrainingStoppedException e) {
            err.println("lmkit: the comparison stopped on request; the model in training wrote its checkpoint"
                    + e.checkpoint().map(p -> " to " + p).orElse("") + ". Continue with the same command and --resume");
            err.flush();
            return;
        } finally {
            stops.forEach(GracefulStop::close); // lets a signalled JVM exit, now that the message is out
        }
        List<ComparisonPlots.GradientSeries> gradients = new ArrayList<>(gradientFlow.series());
        c.gradientFlows().stream().map(g -> ComparisonPlots.GradientSeries.read(g.label(), Path.of(g.csv())))
                .forEach(gradients::add);
        List<ComparisonPlots.Plot> plots = new ArrayList<>(ComparisonPlots.of(result, gradients));
        plots.addAll(attention.plots());
        ComparisonReport report = new ComparisonReport(result, provenance, List.of(), plots);
        List<Path> written = report.write(dir, c.outputs());
        work.delete();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(report.json());
            return;
        }
        o.print(ComparisonReport.table(result.rows()));
        o.printf("%n%s%n", ReportFiles.summary(dir, written));
    }

    /** Refuses a report folder that holds an input (the config, a split, the vocabulary, the probe suite). */
    private void refuseReportOverInputs(ComparisonConfig c) {
        OutputPaths paths = new OutputPaths().input("--config", config)
                .input("--probe-suite", c.probeSuite().isEmpty() ? null : Path.of(c.probeSuite()));
        for (Path input : ComparisonSplits.inputs(c.data())) {
            paths.input(c.data().isFiles() ? "--train/--valid/--test" : "--data", input);
        }
        paths.reportFolder("--out", Path.of(c.outputs().dir())).refuseConflicts(spec.commandLine());
    }

    /**
     * Where a comparison keeps its checkpoints and finished models: beside the report folder, so that
     * replacing the report never touches it.
     */
    static Path workFolder(Path reportDir) {
        Path absolute = reportDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".work");
    }

    /** The config file (or an empty config), with the command line's models and overrides applied. */
    private ComparisonConfig config() {
        if (budgetMinutes != null && !(budgetMinutes > 0)) {
            throw new ParameterException(spec.commandLine(), "--budget-minutes must be positive, got " + budgetMinutes);
        }
        if (budgetTokens != null && budgetTokens < 1) {
            throw new ParameterException(spec.commandLine(), "--budget-tokens must be positive, got " + budgetTokens);
        }
        if (budgetTokens != null && budgetMinutes != null) {
            throw new ParameterException(spec.commandLine(), "give --budget-tokens (a work budget) or"
                    + " --budget-minutes (a wall-clock budget), not both");
        }
        ComparisonConfig c = ComparisonConfig.of(List.of());
        List<String> texts = new ArrayList<>();
        if (config != null) {
            if (ComparisonConfigFile.isConfigFile(config)) {
                c = ComparisonConfigFile.read(config);
            } else {
                texts.addAll(specLines(config));
            }
        }
        texts.addAll(models);
        List<ModelEntry> entries = new ArrayList<>(c.models());
        boolean defaultModels = entries.isEmpty() && texts.isEmpty();
        try {
            for (String t : texts) {
                entries.add(ModelEntry.of(ModelSpec.parse(t)));
            }
            c = c.withModels(entries);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (c.models().isEmpty()) {
            c = quick ? quick(c) : c.withModels(defaults()).withValidationTokens(
                    c.validationTokens() > 0 ? c.validationTokens() : DEFAULT_VALIDATION_TOKENS);
            // The main job shows what the families can and cannot do, not only their perplexities.
            c = c.withProbes(true, c.probeSuite());
        }
        if (budgetMinutes != null) {
            c = c.scaledTo(budgetMinutes);
        } else if (budgetTokens != null) {
            c = c.scaledToTokens(budgetTokens);
        } else if (quick && !defaultModels) {
            c = c.hasTokenBudget() ? c.scaledToTokens(2 * QUICK_TOKENS) : c.scaledTo(QUICK_BUDGET_MINUTES);
        }
        if (quick) {
            c = c.withSubset(QUICK_TRAIN_SENTENCES, QUICK_EVAL_SENTENCES);
        }
        if (probeSuite != null || probes != null) {
            boolean on = probes != null ? probes : true;
            c = c.withProbes(on, probeSuite != null ? probeSuite.toString() : c.probeSuite());
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        c = withData(c);
        if (protocol.given()) {
            c = c.withProtocol(protocol.orElse(ScoringProtocol.SENTENCE));
        }
        if (out != null) {
            c = c.withOutputs(new ComparisonConfig.Outputs(out.toString(), c.outputs().formats()));
        }
        if (keepModels) {
            c = c.withOutputs(c.outputs().with(ComparisonConfig.Outputs.MODELS));
        }
        for (ModelEntry m : c.models()) {
            try {
                if (ModelEntry.PREBUILT.equals(m.model())) {
                    Path file = Path.of(m.settings().get(ModelEntry.PATH));
                    if (!java.nio.file.Files.isRegularFile(file)) {
                        throw new LmkitException("model file " + file + " (entry '" + m.label() + "', model: file) not"
                                + " found; give the path of a model file written by lmkit train, mix or arpa import");
                    }
                    continue;
                }
                registry.get(m.model());
            } catch (LmkitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return c;
    }

    /** The config with the command line's data: --data DIR, or --train, --valid and --test files. */
    private ComparisonConfig withData(ComparisonConfig c) {
        boolean files = trainFile != null || validFile != null || testFile != null;
        if (files && data != null) {
            throw new ParameterException(spec.commandLine(), "give --data DIR (a folder of splits) or --train, --valid"
                    + " and --test FILEs (a corpus split already), not both");
        }
        if (files && (trainFile == null || validFile == null || testFile == null)) {
            throw new ParameterException(spec.commandLine(), "--train, --valid and --test go together: give all three"
                    + " files of the split corpus");
        }
        boolean vocabulary = vocabFile != null || minCount != null || maxVocab != null;
        if (vocabulary && (data != null || !files && !c.data().isFiles())) {
            throw new ParameterException(spec.commandLine(), "--vocab, --min-count and --max-vocab are for --train,"
                    + " --valid and --test files (a folder of splits has its vocab.txt)");
        }
        if (data != null) {
            return c.withData(ComparisonData.folder(data.toString()));
        }
        if (files || vocabulary) {
            ComparisonData d = c.data();
            try {
                return c.withData(ComparisonData.files(files ? trainFile.toString() : d.train(),
                        files ? validFile.toString() : d.valid(), files ? testFile.toString() : d.test(),
                        vocabFile != null ? vocabFile.toString() : d.vocab(),
                        minCount != null ? minCount : d.minCount(), maxVocab != null ? maxVocab : d.maxVocab()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return c;
    }

    /** The backend a model without a backend setting gets here, named, e.g. "simd (the fastest available)". */
    private String defaultBackend(String described) {
        try {
            String name = backends.get().choose(Optional.empty()).name();
            return described.contains("LMKIT_BACKEND") ? described : name + " (the fastest available)";
        } catch (LmkitException e) {
            return described;
        }
    }

    private static List<String> specLines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(t -> !t.isEmpty() && !t.startsWith("#")).toList();
        } catch (IOException e) {
            throw new LmkitException("cannot read comparison config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The main job: the n-gram family, Bengio's model and an LSTM, with work budgets (see DEFAULT_LSTM_TOKENS). */
    static List<ModelEntry> defaults() {
        List<ModelEntry> entries = new ArrayList<>();
        for (int order = 2; order <= 5; order++) {
            entries.add(new ModelEntry("modified-kneser-ney", "mkn-" + order, settings("order", "" + order), null));
        }
        entries.add(new ModelEntry("fixed-window", null, settings("order", "5", "hidden", "200", "dropout", "0.1"),
                null, DEFAULT_FIXED_WINDOW_TOKENS));
        entries.add(new ModelEntry("lstm", null, settings("embedding", "200", "hidden", "200", "dropout", "0.3"),
                null, DEFAULT_LSTM_TOKENS));
        return entries;
    }

    /** The smoke run: two n-gram orders, a small fixed-window model and LSTM, and the better one mixed in. */
    static ComparisonConfig quick(ComparisonConfig c) {
        return c.withModels(List.of(
                        new ModelEntry("modified-kneser-ney", "mkn-2", settings("order", "2"), null),
                        new ModelEntry("modified-kneser-ney", "mkn-3", settings("order", "3"), null),
                        new ModelEntry("fixed-window", null, settings("order", "3", "embedding", "16", "hidden", "32"),
                                null, QUICK_TOKENS),
                        new ModelEntry("lstm", null, settings("embedding", "16", "hidden", "32"), null, QUICK_TOKENS)))
                .withMixtures(List.of(MixtureSpec.parse("fixed-window|lstm + mkn-3 @ best-neural+mkn-3")));
    }

    /** Settings from key, value pairs, in the order given (so the recorded config reads as written). */
    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private void prepareBrownIfMissing(Path dir) {
        if (!SplitFolder.isComplete(dir)) {
            if (Files.isRegularFile(dir.resolve("ca01")) || Files.isRegularFile(dir.resolve("cats.txt"))) {
                // Never write the splits into the raw corpus folder (often a read-only shared copy).
                throw new ParameterException(spec.commandLine(), "--data " + dir + " holds the raw Brown corpus;"
                        + " --data wants the folder of prepared splits (e.g. data/brown-v1, made there if missing);"
                        + " give the raw corpus to 'lmkit data brown --source DIR' instead");
            }
            spec.commandLine().getErr().println("preparing brown-v1 in " + dir);
            BrownSplits.prepare(BrownCorpusSource.locate(cache)).write(dir);
        }
    }

    private static GracefulStop install(List<GracefulStop> stops) {
        GracefulStop stop = GracefulStop.install();
        stops.add(stop);
        return stop;
    }

    /**
     * One model's progress display, with its validation results also in the log (--verbose), and
     * for a neural model the stop request of a signal (null for the others).
     */
    private record LoggedProgress(String label, TrainingProgress shown, GracefulStop stop)
            implements TrainingListener, AutoCloseable {
        @Override
        public boolean stopRequested() {
            return stop != null && stop.requested();
        }

        @Override
        public void onEvent(TrainingEvent event) {
            shown.onEvent(event);
            if (event instanceof TrainingEvent.Validated v) {
                log().info("{}: validation perplexity {} after {} tokens", label, v.validPerplexity(), v.tokensSeen());
            }
        }

        @Override
        public void close() {
            shown.close();
            if (stop != null && !stop.requested()) {
                stop.close(); // after a signal it stays open until the stop message is printed
            }
        }
    }
}
