package io.lmkit.eval.compare;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.model.Sized;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.IterativeConfig;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.eval.report.ReportSection;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A head-to-head comparison: every model trained on the same training split with the same
 * vocabulary and seed, evaluated on the same validation and test splits through the LanguageModel
 * API only (so a user's own plugin takes part like the built-in ones), the configured mixtures
 * tuned on validation, and every pair compared by a paired bootstrap over test sentences.
 */
public final class Comparison {

    private static final String MAX_MINUTES = IterativeConfig.MAX_MINUTES;
    private static final String MAX_TOKENS = IterativeConfig.MAX_TOKENS;
    private static final String BACKEND = IterativeConfig.BACKEND;
    private static final String CHECKPOINT = IterativeConfig.CHECKPOINT;
    private static final String RESUME = IterativeConfig.RESUME;

    private final PluginRegistry<ModelProvider<?>> models;
    private final Function<String, ? extends TrainingListener> listeners;
    private final List<ModelInspector> inspectors;
    private final Optional<ComparisonWork> work;

    private Comparison(List<ModelInspector> inspectors, PluginRegistry<ModelProvider<?>> models,
                       Function<String, ? extends TrainingListener> listeners, Optional<ComparisonWork> work) {
        this.models = models;
        this.listeners = listeners;
        this.inspectors = List.copyOf(inspectors);
        this.work = work;
    }

    private Comparison(List<ModelInspector> inspectors, PluginRegistry<ModelProvider<?>> models,
                       Function<String, ? extends TrainingListener> listeners) {
        this(inspectors, models, listeners, Optional.empty());
    }

    /**
     * This comparison, checkpointing every iterative (neural) model in {@code work}: a killed run
     * continued with a resuming work folder skips the models that finished (reloading their model
     * files and results) and resumes the interrupted one from its checkpoint. Each such model is
     * evaluated, mixed and inspected as its saved model file holds it (float32 parameters), so a
     * resumed comparison, which reloads it, gives the numbers of an uninterrupted one.
     */
    public Comparison withWork(ComparisonWork work) {
        return new Comparison(inspectors, models, listeners, Optional.of(work));
    }

    /**
     * A comparison over the plugins of {@code models}, with a listener of its own for each model's
     * training (a progress bar labelled with the model, say).
     *
     * @param listeners  gives the listener of the model with this label; a listener that is also
     *                   {@link AutoCloseable} is closed when that model's training ends
     * @param inspectors look at every trained model, in order, for the report
     */
    public static Comparison withListenerPerModel(PluginRegistry<ModelProvider<?>> models,
                                                  Function<String, ? extends TrainingListener> listeners,
                                                  List<ModelInspector> inspectors) {
        return new Comparison(inspectors, models, listeners);
    }

    /**
     * A comparison over the plugins of {@code models}.
     *
     * @param listener   sees every model's training events
     * @param inspectors look at every trained model, in order, for the report
     */
    public Comparison(PluginRegistry<ModelProvider<?>> models, TrainingListener listener,
                      List<ModelInspector> inspectors) {
        this(inspectors, models, label -> listener);
    }

    /** A comparison without inspectors. */
    public Comparison(PluginRegistry<ModelProvider<?>> models, TrainingListener listener) {
        this(models, listener, List.of());
    }

    /**
     * The model specs {@code config} trains, with its backend and budgets applied: a model's own
     * budget becomes its {@code maxMinutes} ({@code budgetMinutes}) or {@code maxTokens}
     * ({@code budgetTokens}); a total budget, less the own budgets of its kind, is shared evenly by
     * the models that have the setting and neither an own budget nor a budget setting.
     *
     * @throws LmkitException for an unknown plugin, a budget given to a model without the setting
     *                        it becomes, or own budgets that exceed the total
     */
    public List<ModelSpec> specs(ComparisonConfig config) {
        double minuteShare = share(config, MAX_MINUTES, "budgetMinutes", config.budgetMinutes(),
                ComparisonConfig.ModelEntry::budgetMinutes, "%.2f minutes");
        long tokenShare = (long) share(config, MAX_TOKENS, "budgetTokens", config.budgetTokens(),
                m -> m.budgetTokens(), "%,.0f tokens");
        List<ModelSpec> specs = new ArrayList<>();
        for (ComparisonConfig.ModelEntry m : config.models()) {
            if (prebuilt(m.model())) {
                specs.add(new ModelSpec(m.label(), m.model(), m.settings()));
                continue;
            }
            ModelProvider<?> provider = models.get(m.model());
            Map<String, String> settings = new LinkedHashMap<>(m.settings());
            if (m.budgetMinutes() > 0) {
                settings.put(MAX_MINUTES, minutes(m.budgetMinutes()));
            } else if (minuteShare > 0 && sharing(provider, m)) {
                settings.put(MAX_MINUTES, minutes(minuteShare));
            }
            if (m.budgetTokens() > 0) {
                settings.put(MAX_TOKENS, Long.toString(m.budgetTokens()));
            } else if (tokenShare > 0 && sharing(provider, m)) {
                settings.put(MAX_TOKENS, Long.toString(tokenShare));
            }
            if (!config.backend().isEmpty() && iterative(provider) && !settings.containsKey(BACKEND)) {
                settings.put(BACKEND, config.backend());
            }
            specs.add(new ModelSpec(m.label(), m.model(), settings));
        }
        return specs;
    }

    /** Each sharing model's part of the total budget of one kind, after the own budgets of that kind. */
    private double share(ComparisonConfig config, String setting, String name, double total,
                         java.util.function.ToDoubleFunction<ComparisonConfig.ModelEntry> own, String unit) {
        double owned = 0;
        int sharing = 0;
        for (ComparisonConfig.ModelEntry m : config.models()) {
            if (prebuilt(m.model())) {
                continue; // scored as it is: it trains nothing, so it takes no budget (ModelEntry refuses one)
            }
            ModelProvider<?> provider = models.get(m.model());
            if (own.applyAsDouble(m) > 0 && !iterative(provider)) {
                throw new LmkitException("model '" + m.label() + "' (" + m.model() + ") has no " + setting + " setting,"
                        + " so it cannot take " + name + "; remove the budget (it trains in one pass)");
            }
            owned += own.applyAsDouble(m);
            sharing += sharing(provider, m) ? 1 : 0;
        }
        if (total > 0 && owned > total * (1 + 1e-9)) {
            throw new LmkitException(String.format(Locale.ROOT, "the models' own budgets add up to " + unit + ", more"
                    + " than the total " + name + " " + unit.replace(" minutes", "").replace(" tokens", "")
                    + "; raise the total or lower a model's budget", owned, total));
        }
        return sharing == 0 || total == 0 ? 0 : Math.max(0, total - owned) / sharing;
    }

    /** Whether {@code m} takes a share of a total budget: it trains iteratively and has no budget of its own. */
    private static boolean sharing(ModelProvider<?> provider, ComparisonConfig.ModelEntry m) {
        return iterative(provider) && m.budgetMinutes() == 0 && m.budgetTokens() == 0
                && !m.settings().containsKey(MAX_MINUTES) && !m.settings().containsKey(MAX_TOKENS);
    }

    /**
     * Trains, evaluates and compares every model and mixture of {@code config}.
     *
     * @param data     the training split and the validation split (required: it is reported and
     *                 tunes the mixtures)
     * @param test     the test split, encoded with the same vocabulary
     * @param progress receives one line when each model starts and ends
     * @throws LmkitException for an unknown model or setting, before anything is trained
     */
    public ComparisonResult run(ComparisonConfig config, TrainingData data, Corpus test, Consumer<String> progress) {
        if (config.models().isEmpty()) {
            throw new LmkitException("a comparison needs at least one model");
        }
        List<ModelSpec> specs = specs(config);
        boolean keep = config.outputs().has(ComparisonConfig.Outputs.MODELS);
        if (keep && work.isEmpty()) {
            throw new LmkitException("the output format 'models' keeps the models' files, which a comparison writes"
                    + " into its work folder: give the comparison one (withWork), or drop 'models' from the formats");
        }
        Map<String, Record> configs = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            if (!prebuilt(spec.model())) {
                configs.put(spec.label(), bind(models.get(spec.model()), spec));
            }
        }
        Corpus train = first(data.train(), config.trainSentences());
        Corpus valid = first(data.valid().orElseThrow(() -> new LmkitException("a comparison needs a validation"
                + " split")), config.evalSentences());
        Corpus evalTest = first(test, config.evalSentences());
        TrainingData subset = new TrainingData(train, Optional.of(validationSample(valid, config.validationTokens())));
        Map<String, LanguageModel> kept = new HashMap<>();
        Map<String, double[]> sentenceScores = new LinkedHashMap<>();
        List<ComparisonRow> rows = new ArrayList<>();
        List<LearningCurve> curves = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        List<KeptModel> files = new ArrayList<>();
        for (ModelSpec spec : specs) {
            Measured m = measure(spec, configs.get(spec.label()), subset, valid, evalTest, config.seed(), progress,
                    config.scoringProtocol(), keep);
            if (keep) {
                files.add(new KeptModel(spec.label(), m.file().orElseThrow(), prebuilt(spec.model())));
            }
            rows.add(m.row());
            if (!m.curve().points().isEmpty()) {
                curves.add(m.curve());
            }
            sections.addAll(m.sections());
            if (Double.isFinite(m.row().testPerplexity())) {
                sentenceScores.put(spec.label(), m.testSentenceLnProbs());
            }
            if (config.mixtures().stream().anyMatch(x -> x.first().contains(spec.label())
                    || x.second().equals(spec.label()))) {
                kept.put(spec.label(), m.model());
            }
            progress.accept(String.format(Locale.ROOT, "%s: test perplexity %.2f after %.1f s of training",
                    m.row().label(), m.row().testPerplexity(), m.row().trainSeconds()));
        }
        for (MixtureSpec mixture : config.mixtures()) {
            rows.add(mix(mixture, rows, kept, valid, evalTest, sentenceScores, progress, config.scoringProtocol()));
        }
        for (ModelInspector inspector : inspectors) {
            sections.addAll(inspector.summary());
        }
        return new ComparisonResult(rows, curves, bootstrap(config, sentenceScores, evalTest), sections, files);
    }

    /**
     * The sentences the models validate on while they train: every k-th sentence of the validation
     * split, k chosen so that about {@code tokens} tokens remain (0: the whole split). Validation
     * passes over the whole split took as long as a third of the main job's training; a sample
     * spread over every genre ranks the checkpoints as well, and the table still scores the whole split.
     */
    static Corpus validationSample(Corpus valid, long tokens) {
        if (tokens <= 0 || tokens >= valid.tokenCount()) {
            return valid;
        }
        return valid.everyNth((int) Math.ceil((double) valid.tokenCount() / tokens));
    }

    /**
     * One trained and measured model, with what the report needs from it.
     *
     * @param file the model file it was saved to or loaded from, when there is one
     */
    private record Measured(LanguageModel model, ComparisonRow row, LearningCurve curve, List<ReportSection> sections,
                            double[] testSentenceLnProbs, Optional<Path> file) {

        Measured withFile(Path file) {
            return new Measured(model, row, curve, sections, testSentenceLnProbs, Optional.of(file));
        }
    }

    /**
     * Trains one model, times it, measures its memory, evaluates it and lets the inspectors look at it.
     *
     * @param keep whether the model's file is kept for the report: a model trained in one pass is then
     *             saved into the work folder as soon as it is measured, so no model waits in memory
     */
    private Measured measure(ModelSpec spec, Record config, TrainingData data, Corpus valid, Corpus test, long seed,
                             Consumer<String> progress, ScoringProtocol protocol, boolean keep) {
        if (prebuilt(spec.model())) {
            return measurePrebuilt(spec, data, valid, test, progress, protocol);
        }
        ModelProvider<?> provider = models.get(spec.model());
        if (work.isEmpty() || !iterative(provider)) {
            progress.accept("training " + spec.label() + " (" + spec.model() + ")");
            Measured m = measure(spec, config, config, data, valid, test, seed, Optional.empty(), protocol);
            if (!keep) {
                return m;
            }
            Path file = work.orElseThrow().oneShotModel(spec.label());
            ModelFile.save(file, m.model(), spec.model(), config, seed, "whitespace", data.train().fingerprint());
            return m.withFile(file);
        }
        Path dir = work.get().entry(new ComparisonWork.Identity(spec.label(), spec.model(), spec.settings(), seed,
                fingerprints(data, valid, test)));
        Optional<ComparisonWork.Finished> finished = work.get().finished(dir);
        if (finished.isPresent()) {
            progress.accept("reusing " + spec.label() + ", finished by the interrupted run (" + dir + ")");
            LanguageModel model = ModelFile.load(dir.resolve(ComparisonWork.MODEL), models).model();
            ComparisonWork.Finished f = finished.get();
            if (!f.row().protocol().equals(protocol.label(model))) {
                throw new LmkitException("cannot resume: the interrupted comparison scored " + spec.label() + " under"
                        + " the protocol '" + f.row().protocol() + "', this run asks for '" + protocol.label(model)
                        + "'; resume with the protocol it had, or start afresh without --resume");
            }
            List<ReportSection> sections = new ArrayList<>();
            for (ModelInspector inspector : inspectors) {
                sections.addAll(inspector.inspect(spec.label(), model, test).sections());
            }
            return new Measured(model, f.row(), f.curve(), sections, f.testSentenceLnProbs(),
                    Optional.of(dir.resolve(ComparisonWork.MODEL)));
        }
        progress.accept("training " + spec.label() + " (" + spec.model() + ")");
        // Checkpoints go to the work folder and a checkpoint there is resumed (a fresh run emptied it).
        Map<String, String> settings = new LinkedHashMap<>(spec.settings());
        Path checkpoint = dir.resolve(ComparisonWork.CHECKPOINT);
        settings.put(CHECKPOINT, checkpoint.toString());
        // resume=true demands a checkpoint to continue; an entry not started yet starts afresh.
        settings.put(RESUME, Boolean.toString(java.nio.file.Files.isRegularFile(checkpoint)));
        Record checkpointed = bind(provider, new ModelSpec(spec.label(), spec.model(), settings));
        Measured m = measure(spec, checkpointed, config, data, valid, test, seed, Optional.of(dir), protocol);
        work.get().finish(dir, new ComparisonWork.Finished(m.row(), m.curve(), m.testSentenceLnProbs()));
        return m.withFile(dir.resolve(ComparisonWork.MODEL));
    }

    /**
     * Loads a model file built beforehand and measures it like a trained model, with no training: a big
     * n-gram model joins a comparison without re-estimation. Its vocabulary must be the comparison's, or the
     * perplexities would not be comparable.
     */
    private Measured measurePrebuilt(ModelSpec spec, TrainingData data, Corpus valid, Corpus test,
                                     Consumer<String> progress, ScoringProtocol protocol) {
        Path file = Path.of(spec.settings().get(ComparisonConfig.ModelEntry.PATH));
        progress.accept("loading " + spec.label() + " (model file " + file + ")");
        long heapBefore = usedHeapAfterGc();
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        LanguageModel model = loaded.model();
        long memory = retainedOrUnknown(usedHeapAfterGc() - heapBefore);
        Vocabulary expected = data.train().vocabulary();
        if (!model.vocabulary().equals(expected)) {
            throw new LmkitException("model file " + file + " (entry '" + spec.label() + "') has a vocabulary of "
                    + model.vocabulary().size() + " words that is not the comparison's (" + expected.size()
                    + " words): perplexities over different vocabularies are not comparable; build the model with"
                    + " this comparison's vocabulary (lmkit train --vocab, or data: {..., vocab: FILE})");
        }
        Scored scored = evaluate(model, valid, test, protocol);
        List<ReportSection> sections = new ArrayList<>();
        for (ModelInspector inspector : inspectors) {
            ModelInspector.Inspection found = inspector.inspect(spec.label(), model, test);
            if (found.memoryBytes().isPresent()) {
                memory = found.memoryBytes().getAsLong();
            }
            sections.addAll(found.sections());
        }
        // The settings the file was trained with (its manifest), so that a protocol mismatch is noted as for a
        // trained entry; the row keeps the entry's own settings (the file's path) for the report.
        String note = ProtocolNote.of(loaded.manifest().config(), protocol.label(model))
                .map(n -> scored.note.isEmpty() ? n : scored.note + "; " + n).orElse(scored.note);
        Scored noted = new Scored(scored.valid, scored.test, scored.tokensPerSecond, note);
        ComparisonRow row = row(spec.label(), spec.model(), spec.settings(), model, noted, memory,
                new TrainingBudget("pre-built", "", 0, 0, 0), protocol.label(model));
        return new Measured(model, row, new LearningCurve(spec.label(), List.of()), sections,
                scored.test == null ? new double[0] : scored.test.sentenceLnProbs(), Optional.of(file));
    }

    /** Whether an entry names a model file built beforehand rather than a plugin to train. */
    private static boolean prebuilt(String model) {
        return ComparisonConfig.ModelEntry.PREBUILT.equals(model);
    }

    private LanguageModel saveAndReload(LanguageModel trained, ModelSpec spec, Record config, long seed,
                                        TrainingData data, Path entry) {
        Path file = entry.resolve(ComparisonWork.MODEL);
        ModelFile.save(file, trained, spec.model(), config, seed, "whitespace", data.train().fingerprint());
        return ModelFile.load(file, models).model();
    }

    private static Map<String, String> fingerprints(TrainingData data, Corpus valid, Corpus test) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("training", data.train().fingerprint());
        f.put("validation", valid.fingerprint());
        f.put("validation during training", data.valid().orElseThrow().fingerprint());
        f.put("test", test.fingerprint());
        return f;
    }

    /**
     * Trains one model with {@code config}, times it, measures its memory, evaluates it and lets the
     * inspectors look at it; the report shows {@code reported} (the config without the work folder's
     * checkpoint settings).
     */
    private Measured measure(ModelSpec spec, Record config, Record reported, TrainingData data, Corpus valid, Corpus test,
                             long seed, Optional<Path> entry, ScoringProtocol protocol) {
        List<LearningCurve.Point> points = new ArrayList<>();
        long[] tokensSeen = new long[1];
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        LanguageModel trained = train(spec, config, data, seed, points, entry, tokensSeen);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long memory = retainedOrUnknown(usedHeapAfterGc() - heapBefore);
        // A checkpointed model is measured as its model file holds it (float32 parameters), the model a
        // resumed comparison reloads, so that both give the same numbers for it and for its mixtures.
        LanguageModel model = entry.isEmpty() ? trained : saveAndReload(trained, spec, config, seed, data, entry.get());
        Scored scored = evaluate(model, valid, test, protocol);
        List<ReportSection> sections = new ArrayList<>();
        for (ModelInspector inspector : inspectors) {
            ModelInspector.Inspection found = inspector.inspect(spec.label(), model, test);
            if (found.memoryBytes().isPresent()) {
                memory = found.memoryBytes().getAsLong();
            }
            sections.addAll(found.sections());
        }
        Map<String, String> settings = ConfigBinder.toSettings(reported);
        TrainingBudget budget = TrainingBudget.of(settings, tokensSeen[0], data.train().tokenCount(), trainSeconds);
        ComparisonRow row = row(spec.label(), spec.model(), settings, model, scored, memory, budget,
                protocol.label(model));
        return new Measured(model, row, new LearningCurve(spec.label(), points), sections,
                scored.test == null ? new double[0] : scored.test.sentenceLnProbs(), Optional.empty());
    }

    private LanguageModel train(ModelSpec spec, Record config, TrainingData data, long seed,
                                List<LearningCurve.Point> points, Optional<Path> entry, long[] tokensSeen) {
        // A resumed model's curve so far, from the interrupted run: its later passes come from this one.
        entry.ifPresent(dir -> points.addAll(work.orElseThrow().curveSoFar(dir)));
        TrainingListener listener = listeners.apply(spec.label());
        TrainingListener recording = new TrainingListener() {
            /** How many of the first points came from the interrupted run. */
            private int earlier = points.size();

            @Override
            public void onEvent(TrainingEvent event) {
                if (event instanceof TrainingEvent.Step step) {
                    tokensSeen[0] = step.tokensSeen();
                }
                if (event instanceof TrainingEvent.Validated v) {
                    // Passes the interrupted run made after its last checkpoint are made again now.
                    while (earlier > 0 && points.get(earlier - 1).tokensSeen() >= v.tokensSeen()) {
                        points.remove(--earlier);
                    }
                    points.add(new LearningCurve.Point(v.tokensSeen(), v.elapsed().toMillis() / 1000.0,
                            v.validPerplexity()));
                    entry.ifPresent(dir -> work.orElseThrow().saveCurve(dir, new LearningCurve(spec.label(), points)));
                }
                listener.onEvent(event);
            }

            @Override
            public boolean stopRequested() {
                return listener.stopRequested();
            }
        };
        try {
            return trainWith(models.get(spec.model()), config, data, seed, recording);
        } finally {
            if (listener instanceof AutoCloseable closeable) {
                close(closeable);
            }
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new LmkitException("closing a training listener failed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> LanguageModel trainWith(ModelProvider<C> provider, Record config,
                                                              TrainingData data, long seed, TrainingListener l) {
        return provider.trainer().train(data, (C) config, seed, l);
    }

    private ComparisonRow mix(MixtureSpec mixture, List<ComparisonRow> rows, Map<String, LanguageModel> kept,
                              Corpus valid, Corpus test, Map<String, double[]> sentenceScores,
                              Consumer<String> progress, ScoringProtocol protocol) {
        String first = mixture.first().stream()
                .min((a, b) -> Double.compare(validPerplexity(rows, a), validPerplexity(rows, b))).orElseThrow();
        LanguageModel a = kept.get(first);
        LanguageModel b = kept.get(mixture.second());
        progress.accept("tuning " + mixture.label() + " (" + first + " + " + mixture.second() + ") on validation");
        long start = System.nanoTime();
        double weight = LinearMixture.tune(a, b, valid, protocol);
        double seconds = (System.nanoTime() - start) / 1e9;
        LinearMixture model = new LinearMixture(a, b, weight);
        Scored scored = evaluate(model, valid, test, protocol);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("first", first);
        config.put("second", mixture.second());
        config.put("weight", Double.toString(weight));
        ComparisonRow ra = rows.stream().filter(r -> r.label().equals(first)).findFirst().orElseThrow();
        ComparisonRow rb = rows.stream().filter(r -> r.label().equals(mixture.second())).findFirst().orElseThrow();
        long size = ra.sizeUnit().equals(rb.sizeUnit()) && ra.size() >= 0 && rb.size() >= 0 ? ra.size() + rb.size() : -1;
        long memory = ra.memoryBytes() >= 0 && rb.memoryBytes() >= 0 ? ra.memoryBytes() + rb.memoryBytes()
                : ComparisonRow.UNKNOWN_MEMORY;
        if (scored.test != null && Double.isFinite(scored.test.perplexity())) {
            sentenceScores.put(mixture.label(), scored.test.sentenceLnProbs());
        }
        String note = String.format(Locale.ROOT, "λ = %.4f on %s (tuned on validation)", weight, first)
                + (scored.note.isEmpty() ? "" : "; " + scored.note);
        ComparisonRow row = new ComparisonRow(mixture.label(), "mixture", config, scored.valid.perplexity(),
                scored.test.perplexity(), scored.test.bitsPerToken(), size, size < 0 ? "" : ra.sizeUnit(), memory,
                seconds, scored.tokensPerSecond, note, null, protocol.label(model));
        progress.accept(String.format(Locale.ROOT, "%s: test perplexity %.2f with λ = %.4f", row.label(),
                row.testPerplexity(), weight));
        return row;
    }

    private static double validPerplexity(List<ComparisonRow> rows, String label) {
        double v = rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow().validPerplexity();
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private List<PairedDifference> bootstrap(ComparisonConfig config, Map<String, double[]> scores, Corpus test) {
        int[] tokens = new int[test.sentenceCount()];
        for (int s = 0; s < tokens.length; s++) {
            tokens[s] = test.sentenceLength(s) + 1; // its words and </s>
        }
        PairedBootstrap bootstrap = new PairedBootstrap(config.bootstrapResamples(), config.seed());
        List<String> labels = new ArrayList<>(scores.keySet());
        List<PairedDifference> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                out.add(bootstrap.compare(labels.get(i), scores.get(labels.get(i)), labels.get(j),
                        scores.get(labels.get(j)), tokens));
            }
        }
        return out;
    }

    /** Validation and test results of one model, or none for a score model. */
    private record Scored(PerplexityResult valid, PerplexityResult test, double tokensPerSecond, String note) {
    }

    private static Scored evaluate(LanguageModel model, Corpus valid, Corpus test, ScoringProtocol protocol) {
        if (model.scoreKind() != ScoreKind.PROBABILITY) {
            return new Scored(null, null, 0, "a score, not a probability: no perplexity");
        }
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        PerplexityResult v = evaluator.evaluate(model, valid, protocol);
        long scoring = System.nanoTime();
        PerplexityResult t = evaluator.evaluate(model, test, protocol);
        double tokensPerSecond = t.tokens() / ((System.nanoTime() - scoring) / 1e9);
        List<String> notes = new ArrayList<>();
        if (v.zeroProbabilityTokens() > 0) {
            notes.add(v.zeroProbabilityTokens() + " validation tokens with probability 0");
        }
        if (t.zeroProbabilityTokens() > 0) {
            notes.add(t.zeroProbabilityTokens() + " test tokens with probability 0");
        }
        String note = String.join("; ", notes);
        return new Scored(v, t, tokensPerSecond, note);
    }

    private static ComparisonRow row(String label, String plugin, Map<String, String> config, LanguageModel model,
                                     Scored s, long memory, TrainingBudget budget, String protocol) {
        String note = ProtocolNote.of(config, protocol).map(n -> s.note.isEmpty() ? n : s.note + "; " + n)
                .orElse(s.note);
        long size = model instanceof Sized z ? z.sizeCount() : -1;
        String unit = model instanceof Sized z ? z.sizeUnit() : "";
        if (s.test == null) {
            return new ComparisonRow(label, plugin, config, Double.NaN, Double.NaN, Double.NaN, size, unit, memory,
                    budget.seconds(), 0, note, budget, protocol);
        }
        return new ComparisonRow(label, plugin, config, s.valid.perplexity(), s.test.perplexity(),
                s.test.bitsPerToken(), size, unit, memory, budget.seconds(), s.tokensPerSecond, note, budget, protocol);
    }

    private static <C extends Record> C bind(ModelProvider<C> provider, ModelSpec spec) {
        return ConfigBinder.bind(provider.configType(), provider.defaultConfig(), spec.settings(),
                "model '" + spec.label() + "' (" + provider.name() + ")");
    }

    /**
     * Whether a model trains iteratively, so it takes budgets, a backend and checkpoints: its config
     * is an {@link IterativeConfig}. The values are still given as settings, which the config's
     * record binds by these names.
     */
    private static boolean iterative(ModelProvider<?> provider) {
        return IterativeConfig.isIterative(provider.configType());
    }

    private static String minutes(double m) {
        return String.format(Locale.ROOT, "%.3f", m);
    }

    private static Corpus first(Corpus corpus, int sentences) {
        return sentences > 0 && sentences < corpus.sentenceCount() ? corpus.slice(0, sentences) : corpus;
    }

    /**
     * The heap a model retains, or {@link ComparisonRow#UNKNOWN_MEMORY}: a trained model holds some bytes, so
     * a difference of zero or less means the collector freed other garbage meanwhile (an earlier model's, a
     * cache) and the model's share cannot be told; it used to read as 0 B.
     */
    static long retainedOrUnknown(long heapDifference) {
        return heapDifference > 0 ? heapDifference : ComparisonRow.UNKNOWN_MEMORY;
    }

    /**
     * Heap in use after a full collection: the difference before and after training is the memory a
     * model retains (its Java arrays; native ND4J buffers are not counted).
     */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
