package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressTask;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextFiles;
import io.lmkit.core.model.ScoreKind;
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
import java.util.Set;

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
            Optional<LoadedModel> loaded = FastPathModels.loadNgram(o.model());
            if (loaded.isEmpty() || loaded.get().model().scoreKind() != ScoreKind.PROBABILITY
                    || !"whitespace".equals(loaded.get().manifest().tokenizer())) {
                return OptionalInt.empty();
            }
            NgramModel model = (NgramModel) loaded.get().model();
            Optional<PerplexityResult> result;
            // The progress lines wait here until the result is known: after a fallback only the general
            // path's lines are printed, not a second "started" (an evaluation this way takes seconds).
            StringWriter progress = new StringWriter();
            ProgressDisplay display = ProgressDisplay.choose(o.quiet(), false, new PrintWriter(progress, true));
            try (ProgressTask task = display.start("reading " + o.test().getFileName(), TextFiles.textBytes(o.test()), "bytes")) {
                result = new ParallelNgramEval(model, loaded.get().tokenizer(), o.invalid(), task,
                        Runtime.getRuntime().availableProcessors()).evaluate(o.test());
            }
            if (result.isEmpty()) {
                return OptionalInt.empty();
            }
            err.print(progress);
            err.flush();
            EvalCommand.print(out, new EvalCommand.Printed(o.model(), loaded.get().manifest().model(), o.test(),
                    o.protocol().label(model), o.json()), result.get());
            return OptionalInt.of(0);
        } catch (IOException | RuntimeException e) {
            // The general path reads the same files again and reports the failure in its own words.
            return OptionalInt.empty();
        }
    }

    /** The options of {@code args} when they are a command line this path takes. */
    static Optional<Options> parse(String[] args) {
        Optional<FastPathArgs> read = FastPathArgs.parse(args, "eval", Set.of("--json"),
                Set.of("--model", "--test", "--protocol", "--invalid-utf8"), false);
        if (read.isEmpty() || !read.get().values().containsKey("--model") || !read.get().values().containsKey("--test")) {
            return Optional.empty();
        }
        FastPathArgs a = read.get();
        Optional<ScoringProtocol> protocol = protocol(a.values().get("--protocol"));
        Optional<InvalidUtf8> invalid = invalidUtf8(a.values().get("--invalid-utf8"));
        if (protocol.isEmpty() || invalid.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Options(Path.of(a.values().get("--model")), Path.of(a.values().get("--test")),
                    a.flags().contains("--json"), a.flags().contains("--quiet"), protocol.get(), invalid.get()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code --protocol}'s value as picocli reads it (sentence when absent), or empty for a bad one. */
    static Optional<ScoringProtocol> protocol(String value) {
        return value == null ? Optional.of(ScoringProtocol.SENTENCE)
                : value.equals("sentence") ? Optional.of(ScoringProtocol.SENTENCE)
                : value.equals("stream") ? Optional.of(ScoringProtocol.STREAM) : Optional.empty();
    }

    /** {@code --invalid-utf8}'s value as picocli reads it (fail when absent), or empty for a bad one. */
    static Optional<InvalidUtf8> invalidUtf8(String value) {
        return value == null ? Optional.of(InvalidUtf8.FAIL)
                : value.equalsIgnoreCase("fail") ? Optional.of(InvalidUtf8.FAIL)
                : value.equalsIgnoreCase("replace") ? Optional.of(InvalidUtf8.REPLACE) : Optional.empty();
    }
}
