package io.lmkit.cli.internal;

import com.google.inject.Inject;
import io.lmkit.cli.internal.progress.ProgressSentenceReader;
import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.mixture.MixtureModel;
import io.lmkit.eval.mixture.MixtureProvider;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.StaticMixture;
import io.lmkit.ngram.plugin.StaticMixtureProvider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lmkit mix}: writes the linear mixture of two or more saved models as one model file (SRILM's
 * {@code ngram -lm A -mix-lm B -lambda 0.6 -write-lm AB}), with the weights given or tuned by EM on a text; with
 * {@code --static}, n-gram models are merged into one backoff n-gram model instead.
 */
@Command(name = "mix", mixinStandardHelpOptions = true,
        description = {"Write a mixture of two or more models, P = lambda1*P1 + lambda2*P2 + ..., as one model file"
                + " that eval, score, generate and predict use like any model (it embeds its models, so it is"
                + " self-contained).",
            "--static merges n-gram models into one backoff n-gram model (SRILM's -mix-lm), which"
                + " 'lmkit arpa export' writes as ARPA."})
final class MixCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip",
            description = "A model file to mix; give two or more, all with one vocabulary.")
    private List<Path> modelFiles;

    @Option(names = "--lambda", split = ",", paramLabel = "L",
            description = "The weights, in the order of --model: one per model, summing to 1, or one fewer (the last"
                    + " model gets the rest, as SRILM's -lambda). Default: equal weights.")
    private List<Double> lambdas;

    @Option(names = "--tune", paramLabel = "FILE",
            description = "Find the weights that maximise the likelihood of this text by EM, instead of --lambda.")
    private Path tune;

    @Option(names = "--static",
            description = "Merge n-gram models into one static backoff n-gram model (the union of their n-grams, with"
                    + " the mixture's probabilities and recomputed backoffs).")
    private boolean merge;

    @Option(names = "--out", required = true, paramLabel = "MIX.zip", description = "Model file to write.")
    private Path out;

    @Mixin
    private InvalidUtf8Option invalidUtf8;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;
    private final CliEnvironment environment;

    @Inject
    MixCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers,
               CliEnvironment environment) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.environment = environment;
    }

    @Override
    public void run() {
        double[] given = checkOptions();
        List<ModelFile.Loaded> loaded = new ArrayList<>();
        for (Path file : modelFiles) {
            loaded.add(ModelFile.load(file, models));
        }
        checkCompatible(loaded);
        Corpus valid = tune == null ? null : readTuningText(loaded.get(0));
        List<LanguageModel> each = loaded.stream().map(ModelFile.Loaded::model).toList();
        double[] weights = valid != null ? LinearMixture.tune(each, valid)
                : given != null ? given : equalWeights(loaded.size());
        if (merge) {
            writeStatic(loaded, weights, valid);
        } else {
            writeMixture(loaded, weights, valid);
        }
    }

    private void writeMixture(List<ModelFile.Loaded> loaded, double[] weights, Corpus valid) {
        MixtureModel mixture = new MixtureModel(loaded, weights);
        ModelFile.save(out, mixture, "mixture", MixtureProvider.Config.of(weights), 0,
                loaded.get(0).manifest().tokenizer(), fingerprint(loaded));
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "wrote %s: a mixture of %d models with weights %s%n", OutputPaths.written(out),
                loaded.size(), describe(weights));
        if (valid != null) {
            printed.printf(Locale.ROOT, "weights tuned by EM on %s: perplexity %.4f%n", tune,
                    new PerplexityEvaluator().evaluate(mixture, valid).perplexity());
        }
    }

    private void writeStatic(List<ModelFile.Loaded> loaded, double[] weights, Corpus valid) {
        NgramModel merged = StaticMixture.merge(ngramModels(loaded), weights);
        ModelFile.save(out, merged, "static-mixture", new StaticMixtureProvider.Config(joined(weights),
                modelFiles.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(","))),
                0, loaded.get(0).manifest().tokenizer(), fingerprint(loaded));
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "wrote %s: a static n-gram model of order %d, n-grams per order %s, merged"
                + " with weights %s%n", OutputPaths.written(out), merged.order(),
                Arrays.toString(merged.ngramCounts()), describe(weights));
        if (valid != null) {
            PerplexityEvaluator evaluator = new PerplexityEvaluator();
            LinearMixture dynamic = new LinearMixture(loaded.stream().map(ModelFile.Loaded::model).toList(), weights);
            printed.printf(Locale.ROOT, "perplexity on %s: static %.4f, dynamic mixture %.4f (they differ where"
                    + " the static model backs off)%n", tune, evaluator.evaluate(merged, valid).perplexity(),
                    evaluator.evaluate(dynamic, valid).perplexity());
        }
    }

    /** Checks the options before any file is read; returns the weights of --lambda, or null. */
    private double[] checkOptions() {
        int k = modelFiles.size();
        if (k < 2) {
            throw usage("lmkit mix needs two or more --model files, got " + k + "; give each model to mix with its"
                    + " own --model");
        }
        if (k > MixtureProvider.MAX_COMPONENTS) {
            throw usage("lmkit mix mixes at most " + MixtureProvider.MAX_COMPONENTS + " models, got " + k);
        }
        if (lambdas != null && tune != null) {
            throw usage("--lambda and --tune cannot be combined: give the weights, or a text to tune them on");
        }
        OutputPaths paths = new OutputPaths();
        for (Path file : modelFiles) {
            paths.input("--model", file);
        }
        paths.input("--tune", tune).output("--out", out).refuseConflicts(spec.commandLine());
        return lambdas == null ? null : weightsOf(lambdas, k);
    }

    /** The weights of {@code --lambda}: k numbers summing to 1, or k−1 with the rest for the last model. */
    private double[] weightsOf(List<Double> values, int k) {
        if (values.size() != k && values.size() != k - 1) {
            throw usage("--lambda has " + values.size() + " weight(s) for " + k + " models: give " + k + " (summing"
                    + " to 1) or " + (k - 1) + " (the last model gets the rest)");
        }
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!(v >= 0 && v <= 1)) {
                throw usage("--lambda weights must be numbers in [0, 1], got " + v);
            }
            w[i] = v;
            sum += v;
        }
        if (values.size() == k - 1) {
            if (sum > 1 + LinearMixture.WEIGHT_SUM_TOLERANCE) {
                throw usage("--lambda " + join(values) + " sums to " + sum + ", more than 1, leaving nothing for the"
                        + " last model; the weights must sum to 1 at most");
            }
            w[k - 1] = Math.max(0, 1 - sum);
        } else if (Math.abs(sum - 1) > LinearMixture.WEIGHT_SUM_TOLERANCE) {
            throw usage("--lambda " + join(values) + " sums to " + sum + ", not 1; give weights that sum to 1 (or "
                    + (k - 1) + " of them, and the last model gets the rest)");
        }
        return w;
    }

    /** Models with one vocabulary and one tokenizer, each giving probabilities; the messages name both files. */
    private void checkCompatible(List<ModelFile.Loaded> loaded) {
        ModelFile.Loaded first = loaded.get(0);
        for (int i = 1; i < loaded.size(); i++) {
            ModelFile.Loaded other = loaded.get(i);
            String pair = modelFiles.get(0) + " and " + modelFiles.get(i);
            if (!first.model().vocabulary().equals(other.model().vocabulary())) {
                throw new LmkitException(pair + " have different vocabularies (" + vocabularyDifference(
                        first.model().vocabulary(), other.model().vocabulary()) + "); a mixture needs one vocabulary."
                        + " Train every model with the same --vocab file (e.g. the vocab.txt of 'lmkit data split')");
            }
            if (!first.manifest().tokenizer().equals(other.manifest().tokenizer())) {
                throw new LmkitException(pair + " split text with different tokenizers ('" + first.manifest()
                        .tokenizer() + "' and '" + other.manifest().tokenizer() + "'); train every model with the"
                        + " same tokenizer");
            }
        }
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).model().scoreKind() != ScoreKind.PROBABILITY) {
                throw new LmkitException(modelFiles.get(i) + " is a '" + loaded.get(i).manifest().model() + "' model,"
                        + " which gives scores, not probabilities; only probability models can be mixed");
            }
        }
    }

    private static String vocabularyDifference(Vocabulary a, Vocabulary b) {
        int n = Math.min(a.size(), b.size());
        for (int id = 0; id < n; id++) {
            if (!a.word(id).equals(b.word(id))) {
                return String.format(Locale.ROOT, "%,d and %,d words; word %d is '%s' in the first and '%s' in the"
                        + " second", a.size(), b.size(), id, a.word(id), b.word(id));
            }
        }
        return String.format(Locale.ROOT, "%,d and %,d words", a.size(), b.size());
    }

    private List<NgramModel> ngramModels(List<ModelFile.Loaded> loaded) {
        List<NgramModel> ngrams = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            if (!(loaded.get(i).model() instanceof NgramModel ngram)) {
                throw new LmkitException("--static merges n-gram models, but " + modelFiles.get(i) + " is a '"
                        + loaded.get(i).manifest().model() + "' model; leave out --static to write a mixture of any"
                        + " models");
            }
            ngrams.add(ngram);
        }
        return ngrams;
    }

    private Corpus readTuningText(ModelFile.Loaded model) {
        PlainTextSentences reader = new PlainTextSentences(tokenizers.get(model.manifest().tokenizer()).create(),
                invalidUtf8.policy());
        Corpus corpus = Corpus.read(tune, new ProgressSentenceReader(reader, environment.progress(spec), "reading"),
                model.model().vocabulary());
        if (corpus.tokenCount() == 0) {
            throw new LmkitException("--tune " + tune + " has no sentences; give a text with one sentence a line");
        }
        return corpus;
    }

    private static double[] equalWeights(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }

    /** SHA-256 of the components' data fingerprints, in order: what the mixture was trained on. */
    private static String fingerprint(List<ModelFile.Loaded> loaded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ModelFile.Loaded l : loaded) {
                sha.update((l.manifest().dataFingerprint() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private String describe(double[] weights) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            parts.add(String.format(Locale.ROOT, "%.6f (%s)", weights[i], modelFiles.get(i).getFileName()));
        }
        return String.join(", ", parts);
    }

    private static String join(List<Double> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String joined(double[] weights) {
        return Arrays.stream(weights).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
