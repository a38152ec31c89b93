package io.lmkit.cli.internal;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.corpus.WordCounts;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginDiscovery;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.train.IterativeConfig;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@code lmkit --quiet train} of an n-gram model, the estimation people time against {@code lmplz}, without
 * building the command tree: no Guice injector, no picocli model of every command (together about half a
 * second of CPU, more than estimating order 3 on brown-v1 takes). It writes the same model file as
 * {@link TrainCommand}, bit for bit but for the manifest's creation time, and prints the same line.
 *
 * <p>It takes only what it does the same way: {@code train --model NAME --train FILE --out MODEL} with
 * {@code --quiet} (no progress to show), optionally {@code --vocab FILE}, {@code --seed N} and any number of
 * {@code --set KEY=VALUE}, no plugin folder, and a model plugin of lm-ngram that is estimated in one pass.
 * Anything else (another option, a layout setting, a conflict between the files, a bad setting) and any
 * failure goes the general way, which then trains again and prints its own message: nothing reaches the
 * output streams here before the model file is written.
 */
final class NgramTrainFastPath {

    /** The options this path takes with a value, each once; {@code --set} is read apart (it repeats). */
    private static final Set<String> VALUES = Set.of("--model", "--train", "--out", "--vocab", "--seed");
    /** Settings {@link TrainCommand} takes out before binding (the table layout): left to the general path. */
    private static final Set<String> LAYOUT_SETTINGS = Set.of(LayoutSetting.LAYOUT, LayoutSetting.QUANTIZE_PROB,
            LayoutSetting.QUANTIZE_BACKOFF);

    /**
     * A command line this path takes.
     *
     * @param model    {@code --model}, a plugin name
     * @param train    {@code --train}
     * @param out      {@code --out}
     * @param vocab    {@code --vocab}, or empty to build the vocabulary from the training text
     * @param seed     {@code --seed}, 1 by default
     * @param settings the {@code --set} settings in the order given (a key given twice keeps its last value, as
     *                 picocli's map does)
     */
    record Options(String model, Path train, Path out, Optional<Path> vocab, long seed, Map<String, String> settings) {
    }

    private NgramTrainFastPath() {
    }

    /** Runs {@code args} if this path takes them: the exit code, or empty for the general path. */
    static OptionalInt run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        Optional<Options> parsed = parse(args);
        if (parsed.isEmpty() || PluginJars.folder(args, environment).isPresent()) {
            return OptionalInt.empty();
        }
        Options o = parsed.get();
        if (!Files.isRegularFile(o.train()) || o.vocab().map(v -> !Files.isRegularFile(v)).orElse(false)
                || o.settings().keySet().stream().anyMatch(LAYOUT_SETTINGS::contains)) {
            return OptionalInt.empty();
        }
        try {
            System.setProperty(LogLevel.PROPERTY, "ERROR"); // what --quiet sets; nothing here logs below it
            return train(o, out, err);
        } catch (IOException | RuntimeException e) {
            // The general path reads the same files again and reports the failure in its own words.
            return OptionalInt.empty();
        }
    }

    private static OptionalInt train(Options o, PrintWriter out, PrintWriter err) throws IOException {
        ClassLoader lmkit = NgramTrainFastPath.class.getClassLoader();
        PluginDiscovery<ModelProvider<?>> models = PluginDiscovery.of(modelType(),
                new ScopedServiceLoader(lmkit, NgramModel.class), "model", p -> Optional.empty());
        Optional<ModelProvider<?>> provider = models.providers().stream()
                .filter(p -> p.name().equals(o.model())).findFirst();
        Optional<TokenizerProvider> whitespace = PluginDiscovery.of(TokenizerProvider.class,
                new ScopedServiceLoader(lmkit, TokenizerProvider.class), "tokenizer",
                p -> Optional.empty()).providers().stream().filter(p -> p.name().equals("whitespace")).findFirst();
        if (provider.isEmpty() || whitespace.isEmpty() || !models.problems().isEmpty()
                || IterativeConfig.isIterative(provider.get().configType())) {
            return OptionalInt.empty();
        }
        Optional<String> conflict = new OutputPaths().input("--train", o.train()).input("--vocab", o.vocab().orElse(null))
                .output("--out", o.out()).conflict();
        if (conflict.isPresent()) {
            return OptionalInt.empty();
        }
        AtomicFiles.requireWritable(o.out());
        return trainAndSave(provider.get(), whitespace.get(), o, out, err);
    }

    private static <C extends Record> OptionalInt trainAndSave(ModelProvider<C> provider, TokenizerProvider tokenizer,
                                                               Options o, PrintWriter out, PrintWriter err)
            throws IOException {
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), o.settings(),
                "model '" + provider.name() + "'");
        Vocabulary vocabulary = o.vocab().isPresent() ? Vocabulary.load(o.vocab().get())
                : Vocabulary.fromCounts(WordCounts.of(o.train(), new PlainTextSentences(tokenizer.create(),
                        InvalidUtf8.FAIL)), 1, Integer.MAX_VALUE);
        Optional<Corpus> read = Utf8Corpus.read(o.train(), vocabulary, tokenizer.create(), InvalidUtf8.FAIL);
        if (read.isEmpty()) {
            return OptionalInt.empty();
        }
        Corpus corpus = read.get();
        // Warnings wait with everything else until the model is written: after a fallback only the general
        // path's lines are printed.
        StringWriter warnings = new StringWriter();
        UnknownWordWarning.check(corpus, o.train(), new PrintWriter(warnings, true));
        // As TrainCommand: the data's fingerprint is computed on a thread of its own while the model trains.
        FutureTask<String> fingerprint = new FutureTask<>(corpus::fingerprint);
        Thread fingerprinting = new Thread(fingerprint, "lmkit-data-fingerprint");
        fingerprinting.setDaemon(true);
        fingerprinting.start();
        long start = System.nanoTime();
        LanguageModel trained = provider.trainer().train(new TrainingData(corpus, Optional.empty()), config, o.seed(),
                SILENT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String dataFingerprint;
        try {
            dataFingerprint = fingerprint.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            return OptionalInt.empty();
        }
        ModelFile.save(o.out(), trained, provider.name(), config, o.seed(), "whitespace", dataFingerprint);
        err.print(warnings);
        err.flush();
        out.printf("trained %s %s on %,d sentences (%,d tokens, vocabulary %,d) in %.1f s; wrote %s%n", provider.name(),
                ConfigBinder.toSettings(config), corpus.sentenceCount(), corpus.tokenCount(), vocabulary.size(),
                millis / 1000.0, OutputPaths.written(o.out()));
        return OptionalInt.of(0);
    }

    /** Progress goes nowhere under {@code --quiet}, and a one-pass estimation has no stop to ask for. */
    private static final TrainingListener SILENT = new TrainingListener() {
        @Override
        public void onEvent(TrainingEvent event) {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    };

    /** The options of {@code args} when they are a command line this path takes. */
    static Optional<Options> parse(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        boolean command = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value;
            command |= a.equals("train"); // before it only --quiet may stand, which FastPathArgs checks
            if (!command) {
                rest.add(a);
                continue;
            }
            if (a.equals("--set")) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                value = args[++i];
            } else if (a.startsWith("--set=")) {
                value = a.substring("--set=".length());
            } else {
                rest.add(a);
                continue;
            }
            int eq = value.indexOf('=');
            if (eq <= 0 || value.startsWith("@")) {
                return Optional.empty(); // picocli's fallback value and argument files: the general way
            }
            settings.remove(value.substring(0, eq));
            settings.put(value.substring(0, eq), value.substring(eq + 1));
        }
        Optional<FastPathArgs> read = FastPathArgs.parse(rest.toArray(String[]::new), "train", Set.of(), VALUES, false);
        if (read.isEmpty() || !read.get().flags().contains("--quiet")) {
            return Optional.empty();
        }
        Map<String, String> v = read.get().values();
        if (!v.containsKey("--model") || !v.containsKey("--train") || !v.containsKey("--out")) {
            return Optional.empty();
        }
        try {
            long seed = v.containsKey("--seed") ? Long.parseLong(v.get("--seed")) : 1;
            return Optional.of(new Options(v.get("--model"), Path.of(v.get("--train")), Path.of(v.get("--out")),
                    Optional.ofNullable(v.get("--vocab")).map(Path::of), seed, settings));
        } catch (NumberFormatException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<ModelProvider<?>> modelType() {
        return (Class) ModelProvider.class;
    }
}
