package io.lmkit.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code lmkit} command; every piece of work is a subcommand. */
@Command(name = "lmkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build, train, evaluate and compare n-gram, neural and recurrent language models.",
        subcommands = {ModelsCommand.class, DataCommand.class, TrainCommand.class, EvalCommand.class,
            ScoreCommand.class, PredictCommand.class, GenerateCommand.class, ReplCommand.class,
            ArpaCommand.class, NgramCommand.class, VerifyCommand.class, BackendsCommand.class, GradientsCommand.class,
            AttentionCommand.class, CompareCommand.class, MixCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (the message says what to fix)", "2:usage error"})
public final class LmkitCommand implements Runnable {

    /** The environment variable naming a folder of plugin jars, used when {@code --plugins} is absent. */
    public static final String PLUGINS_VARIABLE = "LMKIT_PLUGINS";

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log at INFO level to stderr, and print the stack trace of a failure.")
    private boolean verbose;

    @Option(names = "--quiet", scope = ScopeType.INHERIT,
            description = "Print results only: no progress, and only errors in the log.")
    private boolean quiet;

    // Read before parsing by Main (the plugins must be on the class path before the commands are built);
    // declared here so that picocli accepts it anywhere and documents it.
    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of model plugin jars to add (default: the " + PLUGINS_VARIABLE
                    + " environment variable).")
    private Path plugins;

    @Spec
    private CommandSpec spec;

    boolean verbose() {
        return verbose;
    }

    boolean quiet() {
        return quiet;
    }

    /** The root command of the command line that {@code spec} belongs to. */
    static LmkitCommand of(CommandSpec spec) {
        return (LmkitCommand) spec.root().userObject();
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command (see lmkit --help)");
    }
}
