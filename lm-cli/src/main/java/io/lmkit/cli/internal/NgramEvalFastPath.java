package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressTask;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginDiscovery;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code lmkit eval} of an n-gram model on a file, the common case, without building the command tree:
 * no Guice injector and no picocli model of fifteen commands (together most of a short run's CPU time,
 * picocli's classes being too old for the class-data archive), the text read as bytes and scored on every
 * core ({@link ParallelNgramEval}). It prints exactly what {@link EvalCommand} prints.
 *
 * <p>It takes only what it can do the same way: the command line {@code eval --model M --test T} with
 * {@code --quiet}, {@code --json}, {@code --protocol} and {@code --invalid-utf8} (each once, as
 * {@code --name value} or {@code --name=value}), no plugin folder, a model file whose model is an
 * {@link NgramModel} giving probabilities and whose tokenizer is {@code whitespace}, and progress shown
 * as log lines or not at all. Anything else, and any failure (a missing file, invalid UTF-8, a reserved
 * word in the text), goes the general way, which then prints its own message: nothing is printed here
 * before the result is known.
 */
final class NgramEvalFastPath {

    /**
     * The options of a command line this path takes.
     *
     * @param model   {@code --model}
     * @param test    {@code --test}
     * @param json    {@code --json}
     * @param quiet   {@code --quiet}
     * @param protocol {@code --protocol}, sentence by default
     * @param invalid {@code --invalid-utf8}
     */
    record Options(Path model, Path test, boolean json, boolean quiet, ScoringProtocol protocol,
                   InvalidUtf8 invalid) {
    }

    private NgramEvalFastPath() {
    }

    /** Runs {@code args} if this path takes them: the exit code, or empty for the general path. */
    static OptionalInt run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        Optional<Options> parsed = parse(args);
        if (parsed.isEmpty() || (environment.interactive() && !parsed.get().quiet())
                || PluginJars.folder(args, environment).isPresent()) {
            return OptionalInt.empty();
        }
        Options o = parsed.get();
        if (!Files.isRegularFile(o.model()) || !Files.isRegularFile(o.test())) {
            return OptionalInt.empty();
        }
        try {
            // What LogLevel.apply does before Log4j has started, without asking Log4j whether it has (that
            // question alone starts its API, a fifth of a short run); nothing on this path logs.
            System.setProperty(LogLevel.PROPERTY, o.quiet() ? "ERROR" : "WARN");
            ClassLoader loader = NgramEvalFastPath.class.getClassLoader();
            PluginDiscovery<ModelProvider<?>> models = PluginDiscovery.of(modelType(), loader, "model",
                    p -> Optional.empty());
            PluginDiscovery<TokenizerProvider> tokenizers = PluginDiscovery.of(TokenizerProvider.class, loader,
                    "tokenizer", p -> Optional.empty());
            if (!models.problems().isEmpty() || !tokenizers.problems().isEmpty()) {
                return OptionalInt.empty(); // the general path warns about broken plugins
            }
            ModelFile.Loaded loaded = ModelFile.load(o.model(), new PluginRegistry<>("model", "", models.providers()));
            if (!(loaded.model() instanceof NgramModel model) || model.scoreKind() != ScoreKind.PROBABILITY
                    || !"whitespace".equals(loaded.manifest().tokenizer())) {
                return OptionalInt.empty();
            }
            TokenizerProvider whitespace = new PluginRegistry<>("tokenizer", "", tokenizers.providers())
                    .get("whitespace");
            Optional<PerplexityResult> result;
            // The progress lines wait here until the result is known: after a fallback only the general
            // path's lines are printed, not a second "started" (an evaluation this way takes seconds).
            StringWriter progress = new StringWriter();
            ProgressDisplay display = ProgressDisplay.choose(o.quiet(), false, new PrintWriter(progress, true));
            try (ProgressTask task = display.start("reading " + o.test().getFileName(), Files.size(o.test()), "bytes")) {
                result = new ParallelNgramEval(model, whitespace.create(), o.invalid(), task,
                        Runtime.getRuntime().availableProcessors()).evaluate(o.test());
            }
            if (result.isEmpty()) {
                return OptionalInt.empty();
            }
            err.print(progress);
            err.flush();
            EvalCommand.print(out, new EvalCommand.Printed(o.model(), loaded.manifest().model(), o.test(),
                    o.protocol().label(model), o.json()), result.get());
            return OptionalInt.of(0);
        } catch (IOException | RuntimeException e) {
            // The general path reads the same files again and reports the failure in its own words.
            return OptionalInt.empty();
        }
    }

    /** The options of {@code args} when they are a command line this path takes. */
    static Optional<Options> parse(String[] args) {
        String model = null;
        String test = null;
        String protocol = null;
        String invalid = null;
        boolean json = false;
        boolean quiet = false;
        boolean command = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") && a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = name.length() < a.length() ? a.substring(name.length() + 1) : null;
            if (a.equals("eval") && !command) {
                command = true;
                continue;
            }
            if (name.equals("--quiet") && value == null && !quiet) {
                quiet = true;
                continue;
            }
            if (!command || a.startsWith("@")) {
                return Optional.empty();
            }
            if (name.equals("--json") && value == null && !json) {
                json = true;
                continue;
            }
            boolean takesValue = name.equals("--model") || name.equals("--test") || name.equals("--protocol")
                    || name.equals("--invalid-utf8");
            if (!takesValue) {
                return Optional.empty();
            }
            if (value == null) {
                if (i + 1 == args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
                    return Optional.empty();
                }
                value = args[++i];
            }
            if (value.isEmpty()) {
                return Optional.empty();
            }
            switch (name) {
                case "--model" -> model = model == null ? value : "";
                case "--test" -> test = test == null ? value : "";
                case "--protocol" -> protocol = protocol == null ? value : "";
                default -> invalid = invalid == null ? value : "";
            }
        }
        if (!command || model == null || test == null || model.isEmpty() || test.isEmpty()
                || "".equals(protocol) || "".equals(invalid)) {
            return Optional.empty();
        }
        ScoringProtocol p = protocol == null ? ScoringProtocol.SENTENCE
                : protocol.equals("sentence") ? ScoringProtocol.SENTENCE
                : protocol.equals("stream") ? ScoringProtocol.STREAM : null;
        InvalidUtf8 policy = invalid == null ? InvalidUtf8.FAIL
                : invalid.equalsIgnoreCase("fail") ? InvalidUtf8.FAIL
                : invalid.equalsIgnoreCase("replace") ? InvalidUtf8.REPLACE : null;
        if (p == null || policy == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Options(Path.of(model), Path.of(test), json, quiet, p, policy));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<ModelProvider<?>> modelType() {
        return (Class) ModelProvider.class;
    }
}
