package io.lmkit.eval.compare;

import io.lmkit.eval.ScoringProtocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A comparison, as written in a JSON or YAML file ({@link ComparisonConfigFile}) or built in code:
 * the models, their budgets, the mixtures, the seed and where the report goes. Missing values take
 * the defaults documented on each component; unknown keys in a file are errors.
 *
 * @param title              the report's heading (default {@code lmkit comparison})
 * @param data               a folder of splits ({@code train.txt}, {@code valid.txt}, {@code test.txt}
 *                           and {@code vocab.txt}; default {@code data/brown-v1}), or three files
 *                           ({@code {train: ..., valid: ..., test: ...}}): see {@link ComparisonData}
 * @param seed               the seed of every model and of the bootstrap (default 1)
 * @param budgetMinutes      total training minutes shared evenly by the iterative models (an
 *                           {@code IterativeConfig}, with a {@code maxMinutes} setting) that neither
 *                           set it nor have their own budget, after the own budgets are taken out
 *                           (default 0: none)
 * @param budgetTokens       total training tokens (a work budget, the same on any machine) shared
 *                           the same way by the iterative models (an {@code IterativeConfig})
 *                           (default 0: none)
 * @param backend            compute backend for every iterative model (an {@code IterativeConfig})
 *                           that does not set it (default empty: {@code LMKIT_BACKEND} or the fastest)
 * @param trainSentences     use only the first this many training sentences (default 0: all)
 * @param evalSentences      use only the first this many validation and test sentences (default 0: all)
 * @param models             the models, in report order
 * @param mixtures           linear mixtures of two of the models, e.g. {@code lstm + mkn-5}
 * @param bootstrapResamples resamples of the paired bootstrap (default 1000)
 * @param probes             whether the cloze probes score every model (default: true when
 *                           {@code probeSuite} is given, else false)
 * @param probeSuite         a cloze suite file (text or JSON, see {@code io.lmkit.eval.probe}); empty
 *                           for the default suite
 * @param gradientFlows      optional {@code lmkit gradients} CSV files to plot
 * @param outputs            where the report goes and in which formats
 * @param validationTokens   validate during training on about this many tokens of the validation
 *                           split, every k-th sentence of it (default 0: the whole split); the
 *                           table's validation column always scores the whole split
 * @param protocol           how the validation and test splits are scored: {@code sentence} (the
 *                           default: every sentence from {@code <s>}) or {@code stream} (the split as
 *                           one stream, context carried across sentences by the models that can;
 *                           see {@link io.lmkit.eval.ScoringProtocol})
 */
public record ComparisonConfig(String title, ComparisonData data, Long seed, Double budgetMinutes, Long budgetTokens,
                               String backend,
                               Integer trainSentences, Integer evalSentences, List<ModelEntry> models,
                               List<MixtureSpec> mixtures, Integer bootstrapResamples, Boolean probes,
                               String probeSuite, List<GradientFlowInput> gradientFlows, Outputs outputs,
                               Long validationTokens, String protocol) {

    /** Fills in defaults and checks that labels are unique and every mixture names models of the config. */
    public ComparisonConfig {
        title = title == null ? "lmkit comparison" : title;
        data = data == null ? ComparisonData.DEFAULT : data;
        seed = seed == null ? 1L : seed;
        budgetMinutes = budgetMinutes == null ? 0.0 : budgetMinutes;
        budgetTokens = budgetTokens == null ? 0L : budgetTokens;
        backend = backend == null ? "" : backend;
        trainSentences = trainSentences == null ? 0 : trainSentences;
        evalSentences = evalSentences == null ? 0 : evalSentences;
        models = models == null ? List.of() : List.copyOf(models);
        mixtures = mixtures == null ? List.of() : List.copyOf(mixtures);
        bootstrapResamples = bootstrapResamples == null ? PairedBootstrap.DEFAULT_RESAMPLES : bootstrapResamples;
        probeSuite = probeSuite == null ? "" : probeSuite;
        probes = probes != null ? probes : !probeSuite.isEmpty();
        gradientFlows = gradientFlows == null ? List.of() : List.copyOf(gradientFlows);
        outputs = outputs == null ? Outputs.DEFAULT : outputs;
        validationTokens = validationTokens == null ? 0L : validationTokens;
        protocol = protocol == null ? ScoringProtocol.SENTENCE.id() : protocol;
        ScoringProtocol.parse(protocol);
        if (validationTokens < 0) {
            throw new IllegalArgumentException("validationTokens must not be negative (0: the whole validation split),"
                    + " got " + validationTokens);
        }
        if (budgetTokens < 0) {
            throw new IllegalArgumentException("budgetTokens must not be negative, got " + budgetTokens);
        }
        if (!(budgetMinutes >= 0) || trainSentences < 0 || evalSentences < 0 || bootstrapResamples < 1) {
            throw new IllegalArgumentException("budgetMinutes, trainSentences and evalSentences must not be negative"
                    + " and bootstrapResamples must be at least 1; got " + budgetMinutes + ", " + trainSentences
                    + ", " + evalSentences + ", " + bootstrapResamples);
        }
        Set<String> labels = new HashSet<>();
        for (ModelEntry m : models) {
            if (!labels.add(m.label())) {
                throw new IllegalArgumentException("two models are labelled '" + m.label() + "'; give each its own"
                        + " label");
            }
        }
        for (MixtureSpec x : mixtures) {
            List<String> named = new ArrayList<>(x.first());
            named.add(x.second());
            for (String l : named) {
                if (!labels.contains(l)) {
                    throw new IllegalArgumentException("mixture '" + x.text() + "' names '" + l + "', which is not"
                            + " a model of this comparison; models: " + models.stream().map(ModelEntry::label).toList());
                }
            }
            if (!labels.add(x.label())) {
                throw new IllegalArgumentException("mixture label '" + x.label() + "' is already used");
            }
        }
    }

    /** A config of these models with every other value at its default. */
    public static ComparisonConfig of(List<ModelEntry> models) {
        return new ComparisonConfig(null, null, null, null, null, null, null, null, models, null, null, null, null,
                null, null, null, null);
    }

    /** This config with other models. */
    public ComparisonConfig withModels(List<ModelEntry> newModels) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                newModels, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with other mixtures. */
    public ComparisonConfig withMixtures(List<MixtureSpec> newMixtures) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, newMixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with another seed. */
    public ComparisonConfig withSeed(long newSeed) {
        return new ComparisonConfig(title, data, newSeed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with another total budget. */
    public ComparisonConfig withBudgetMinutes(double minutes) {
        return new ComparisonConfig(title, data, seed, minutes, budgetTokens, backend, trainSentences, evalSentences, models,
                mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with another total work budget in training tokens. */
    public ComparisonConfig withBudgetTokens(long tokens) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, tokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /**
     * This config as a wall-clock run of {@code minutes} in total: the models' own minute budgets
     * scaled by the same factor (so a config of record can be run short, or long, keeping its
     * proportions; without a total, the own budgets' sum counts as the old total). Work budgets
     * become minutes in their proportions: a model's own token budget becomes its share of the
     * minutes, and no token budget is left.
     */
    public ComparisonConfig scaledTo(double minutes) {
        double ownTokens = models.stream().mapToDouble(ModelEntry::budgetTokens).sum();
        List<ModelEntry> entries = models.stream().map(m -> new ModelEntry(m.model(), m.label(), m.settings(),
                m.budgetTokens() > 0 ? minutes * m.budgetTokens() / ownTokens : m.budgetMinutes(), 0L)).toList();
        double own = entries.stream().mapToDouble(ModelEntry::budgetMinutes).sum();
        double old = ownTokens > 0 ? minutes : budgetMinutes > 0 ? budgetMinutes : own;
        if (own == 0 || old == 0) {
            return withModels(entries).withBudgetTokens(0).withBudgetMinutes(minutes);
        }
        double factor = minutes / old;
        List<ModelEntry> scaled = entries.stream().map(m -> new ModelEntry(m.model(), m.label(), m.settings(),
                m.budgetMinutes() * factor, 0L)).toList();
        return withModels(scaled).withBudgetTokens(0).withBudgetMinutes(minutes);
    }

    /**
     * This config with a total work budget of {@code tokens}, the models' own token budgets scaled by
     * the same factor (without a total, the own budgets' sum counts as the old total).
     */
    public ComparisonConfig scaledToTokens(long tokens) {
        long own = models.stream().mapToLong(ModelEntry::budgetTokens).sum();
        long old = budgetTokens > 0 ? budgetTokens : own;
        if (own == 0 || old == 0) {
            return withBudgetTokens(tokens);
        }
        double factor = tokens / (double) old;
        List<ModelEntry> scaled = models.stream().map(m -> new ModelEntry(m.model(), m.label(), m.settings(),
                m.budgetMinutes(), Math.round(m.budgetTokens() * factor))).toList();
        return withModels(scaled).withBudgetTokens(tokens);
    }

    /** Whether any model, or the total, has a work budget in tokens. */
    public boolean hasTokenBudget() {
        return budgetTokens > 0 || models.stream().anyMatch(m -> m.budgetTokens() > 0);
    }

    /** This config reading its splits from elsewhere (a folder, or three files). */
    public ComparisonConfig withData(ComparisonData newData) {
        return new ComparisonConfig(title, newData, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config using only the first sentences of each split (0: all). */
    public ComparisonConfig withSubset(int train, int eval) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, train, eval, models, mixtures,
                bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with the cloze probes on or off, scoring {@code suite} (empty: the default suite). */
    public ComparisonConfig withProbes(boolean on, String suite) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, on, suite, gradientFlows, outputs, validationTokens, protocol);
    }

    /** This config with other outputs. */
    public ComparisonConfig withOutputs(Outputs newOutputs) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, newOutputs, validationTokens, protocol);
    }

    /** This config scoring its splits under {@code newProtocol}. */
    public ComparisonConfig withProtocol(ScoringProtocol newProtocol) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, validationTokens,
                newProtocol.id());
    }

    /** The protocol of {@link #protocol()}. */
    public ScoringProtocol scoringProtocol() {
        return ScoringProtocol.parse(protocol);
    }

    /** This config validating during training on about {@code tokens} tokens of the validation split (0: all). */
    public ComparisonConfig withValidationTokens(long tokens) {
        return new ComparisonConfig(title, data, seed, budgetMinutes, budgetTokens, backend, trainSentences, evalSentences,
                models, mixtures, bootstrapResamples, probes, probeSuite, gradientFlows, outputs, tokens, protocol);
    }

    /**
     * One model of a comparison.
     *
     * @param model         the plugin name, e.g. {@code modified-kneser-ney} or a user's own plugin
     * @param label         the row's name (default: the plugin name)
     * @param settings      config overrides by key, as {@code lmkit train --set} takes them; unknown
     *                      keys are errors naming the plugin's settings
     * @param budgetMinutes this model's training minutes, set as its {@code maxMinutes} (default 0:
     *                      a share of the total budget, or none)
     * @param budgetTokens  this model's training tokens, set as its {@code maxTokens} (default 0: a
     *                      share of the total work budget, or none)
     */
    public record ModelEntry(String model, String label, Map<String, String> settings, Double budgetMinutes,
                             Long budgetTokens) {

        /**
         * The entry's model name for a model file built beforehand ({@code model: file, path: M.zip}): it is
         * loaded and scored, not trained, so a big n-gram model joins a comparison without re-estimation.
         */
        public static final String PREBUILT = "file";

        /** The setting that holds a {@link #PREBUILT} entry's model file. */
        public static final String PATH = "path";

        /** Fills in defaults and validates. */
        public ModelEntry {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a model entry needs 'model', the plugin name (see lmkit models)");
            }
            settings = settings == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            if (PREBUILT.equals(model)) {
                String path = settings.get(PATH);
                if (path == null || path.isBlank() || settings.size() != 1) {
                    throw new IllegalArgumentException("a model entry 'model: file' needs 'path: MODEL.zip' (the model"
                            + " file to score) and no settings, got " + settings);
                }
                if (label == null || label.isBlank()) {
                    String name = java.nio.file.Path.of(path).getFileName().toString();
                    label = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
                }
            }
            label = label == null || label.isBlank() ? model : label;
            budgetMinutes = budgetMinutes == null ? 0.0 : budgetMinutes;
            budgetTokens = budgetTokens == null ? 0L : budgetTokens;
            if (!(budgetMinutes >= 0) || budgetTokens < 0) {
                throw new IllegalArgumentException("budgetMinutes and budgetTokens of model '" + label + "' must not"
                        + " be negative, got " + budgetMinutes + " and " + budgetTokens);
            }
            if (PREBUILT.equals(model) && (budgetMinutes > 0 || budgetTokens > 0)) {
                throw new IllegalArgumentException("model '" + label + "' is a model file (model: file), scored as it"
                        + " is, so it takes no budget; remove budgetMinutes/budgetTokens");
            }
        }

        /**
         * How a config file gives an entry: {@code path} is the model file of a {@code model: file} entry
         * (kept as its {@link #PATH} setting), absent for a plugin's entry.
         */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        static ModelEntry read(@com.fasterxml.jackson.annotation.JsonProperty("model") String model,
                               @com.fasterxml.jackson.annotation.JsonProperty("label") String label,
                               @com.fasterxml.jackson.annotation.JsonProperty("settings") Map<String, String> settings,
                               @com.fasterxml.jackson.annotation.JsonProperty("budgetMinutes") Double budgetMinutes,
                               @com.fasterxml.jackson.annotation.JsonProperty("budgetTokens") Long budgetTokens,
                               @com.fasterxml.jackson.annotation.JsonProperty("path") String path) {
            if (path == null) {
                return new ModelEntry(model, label, settings, budgetMinutes, budgetTokens);
            }
            if (!PREBUILT.equals(model)) {
                throw new IllegalArgumentException("'path' belongs to a 'model: file' entry (a model file built"
                        + " beforehand), not to model '" + model + "'; write model: file, or drop path");
            }
            Map<String, String> withPath = new LinkedHashMap<>(settings == null ? Map.of() : settings);
            withPath.put(PATH, path);
            return new ModelEntry(model, label, withPath, budgetMinutes, budgetTokens);
        }

        /** An entry with at most a wall-clock budget of its own. */
        public ModelEntry(String model, String label, Map<String, String> settings, Double budgetMinutes) {
            this(model, label, settings, budgetMinutes, null);
        }

        /** The entry of a {@code MODEL[:k=v,...][@LABEL]} spec, without an own budget. */
        public static ModelEntry of(ModelSpec spec) {
            return new ModelEntry(spec.model(), spec.label(), spec.settings(), 0.0, 0L);
        }
    }

    /**
     * A gradient-norm-against-distance series written by {@code lmkit gradients} to plot in the report.
     *
     * @param label the series' name, e.g. {@code lstm}
     * @param csv   the {@code gradients.csv} file (header {@code distance,norm,factor})
     */
    public record GradientFlowInput(String label, String csv) {

        /** Validates. */
        public GradientFlowInput {
            if (label == null || csv == null) {
                throw new IllegalArgumentException("a gradientFlows entry needs 'label' and 'csv'");
            }
        }
    }

    /**
     * Where the report goes.
     *
     * @param dir     the report folder (default {@code reports/compare})
     * @param formats which of {@code markdown}, {@code html}, {@code csv}, {@code json}, {@code plots}
     *                and {@code models} (the trained models' files, in {@code models/}) to write
     *                (default: all but {@code models}, as model files can be large)
     */
    public record Outputs(String dir, List<String> formats) {

        /** The format that keeps every trained model's file in the report folder's {@code models/}. */
        public static final String MODELS = "models";

        /** The formats written when none are given: all but {@link #MODELS}. */
        public static final List<String> DEFAULT_FORMATS = List.of("markdown", "html", "csv", "json", "plots");

        /** Every format that can be written. */
        public static final List<String> FORMATS = java.util.stream.Stream.concat(DEFAULT_FORMATS.stream(),
                java.util.stream.Stream.of(MODELS)).toList();

        /** The default formats, into {@code reports/compare}. */
        public static final Outputs DEFAULT = new Outputs(null, null);

        /** Fills in defaults and checks the formats. */
        public Outputs {
            dir = dir == null ? "reports/compare" : dir;
            formats = formats == null ? DEFAULT_FORMATS : List.copyOf(formats);
            for (String f : formats) {
                if (!FORMATS.contains(f)) {
                    throw new IllegalArgumentException("unknown output format '" + f + "'; known formats: " + FORMATS);
                }
            }
        }

        /** Whether {@code format} is written. */
        public boolean has(String format) {
            return formats.contains(format);
        }

        /** These outputs with {@code format} added (they are unchanged when they have it). */
        public Outputs with(String format) {
            if (has(format)) {
                return this;
            }
            List<String> more = new java.util.ArrayList<>(formats);
            more.add(format);
            return new Outputs(dir, more);
        }
    }
}
