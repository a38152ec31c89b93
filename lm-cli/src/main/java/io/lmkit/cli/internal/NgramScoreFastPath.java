package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.eval.ScoringProtocol;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code lmkit score} of an n-gram model without building the command tree (no Guice, no picocli), as
 * {@link NgramEvalFastPath} does for {@code eval}: KenLM's {@code query} is run once per text, often on a
 * few lines, so most of such a run was start-up. The scoring itself is {@link ScoreRun}, the same code as
 * {@link ScoreCommand}'s, so the output is the same and still streams line by line.
 *
 * <p>It takes {@code score --model M} with a sentence as words, {@code --input F} or standard input, and
 * {@code --quiet}, {@code --format}, {@code --json}, {@code --protocol}, {@code --invalid-utf8} (each once);
 * other command lines, and a model it cannot load or that is not an n-gram model, go the general way
 * before anything is read or printed. A failure once scoring has started is reported as the general path
 * reports it ({@code lmkit: MESSAGE}, exit 1).
 */
final class NgramScoreFastPath {

    private NgramScoreFastPath() {
    }

    /** Runs {@code args} if this path takes them: the exit code, or empty for the general path. */
    static OptionalInt run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        Optional<FastPathArgs> read = FastPathArgs.parse(args, "score", Set.of("--json"),
                Set.of("--model", "--input", "--format", "--protocol", "--invalid-utf8"), true);
        if (read.isEmpty() || PluginJars.folder(args, environment).isPresent()) {
            return OptionalInt.empty();
        }
        Optional<ScoreRun.Request> request = request(read.get());
        if (request.isEmpty() || !Files.isRegularFile(request.get().model())) {
            return OptionalInt.empty();
        }
        Optional<LoadedModel> loaded;
        try {
            loaded = FastPathModels.loadNgram(request.get().model());
        } catch (RuntimeException e) {
            return OptionalInt.empty(); // the general path loads it again and says what is wrong
        }
        if (loaded.isEmpty()) {
            return OptionalInt.empty();
        }
        // As LogLevel.apply before Log4j has started (NgramEvalFastPath says why); nothing here logs.
        System.setProperty(LogLevel.PROPERTY, read.get().flags().contains("--quiet") ? "ERROR" : "WARN");
        try {
            ScoreRun.run(request.get(), loaded.get(), environment.in(), out, err);
            return OptionalInt.of(0);
        } catch (RuntimeException e) {
            // What CommandTree's handler prints for a failure while a command runs (this path has no --verbose).
            err.println("lmkit: " + Failures.describe(e)
                    + (e instanceof LmkitException ? "" : " (run with --verbose for the stack trace)"));
            return OptionalInt.of(1);
        }
    }

    /** What to score, or empty for option values or combinations the general path must judge. */
    private static Optional<ScoreRun.Request> request(FastPathArgs a) {
        String model = a.values().get("--model");
        String input = a.values().get("--input");
        String formatName = a.values().get("--format");
        boolean json = a.flags().contains("--json");
        Optional<ScoringProtocol> protocol = NgramEvalFastPath.protocol(a.values().get("--protocol"));
        Optional<InvalidUtf8> invalid = NgramEvalFastPath.invalidUtf8(a.values().get("--invalid-utf8"));
        ScoreCommand.Format format = formatName == null ? ScoreCommand.Format.text : switch (formatName) {
            case "text" -> ScoreCommand.Format.text;
            case "kenlm" -> ScoreCommand.Format.kenlm;
            case "json" -> ScoreCommand.Format.json;
            default -> null;
        };
        if (model == null || format == null || protocol.isEmpty() || invalid.isEmpty()
                || input != null && !a.positionals().isEmpty() || json && format == ScoreCommand.Format.kenlm) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ScoreRun.Request(Path.of(model), json ? ScoreCommand.Format.json : format,
                    protocol.get(), invalid.get(), a.positionals(), input == null ? null : Path.of(input)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
