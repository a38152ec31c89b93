package io.lmkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code lmkit} command; every piece of work is a subcommand. */
@Command(name = "lmkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build, train, evaluate and compare n-gram, neural and recurrent language models.",
        subcommands = {ModelsCommand.class, DataCommand.class, TrainCommand.class, EvalCommand.class,
            ArpaCommand.class, NgramCommand.class, BackendsCommand.class, GenerateCommand.class,
            GradientsCommand.class, CompareCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (the message says what to fix)", "2:usage error"})
public final class LmkitCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log progress at INFO level to stderr.")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a command (see lmkit --help)");
    }
}
