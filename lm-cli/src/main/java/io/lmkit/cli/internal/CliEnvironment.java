package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command may read from the process besides its options: standard input, whether a person
 * sits at a terminal, and the environment variables. Injected, so that tests can run every
 * command in-process with their own input and environment.
 *
 * @param in          standard input (the REPL reads its lines from it)
 * @param interactive whether standard input and output are a terminal: live progress bars and the
 *                    line editor are used only then; otherwise progress is printed as log lines
 * @param env         the environment variables
 */
public record CliEnvironment(InputStream in, boolean interactive, Map<String, String> env) {

    /** Copies {@code env}. */
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** The environment of this process. */
    public static CliEnvironment ofProcess() {
        return new CliEnvironment(System.in, System.console() != null, System.getenv());
    }

    /**
     * Where the command of {@code spec} shows progress: nowhere with {@code --quiet}, bars on a
     * terminal, else log lines on the command's standard error.
     */
    public ProgressDisplay progress(CommandSpec spec) {
        return ProgressDisplay.choose(LmkitCommand.of(spec).quiet(), interactive, spec.commandLine().getErr());
    }
}
