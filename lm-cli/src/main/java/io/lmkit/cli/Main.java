package io.lmkit.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.LmkitModule;
import java.io.PrintWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;

/**
 * Entry point of the {@code lmkit} command. Exit codes: 0 success, 1 runtime failure (the message
 * names the bad input and the fix), 2 usage error.
 */
public final class Main {

    private Main() {
    }

    /** Runs {@code lmkit} with the process's arguments and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code lmkit} in-process, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Injector injector = Guice.createInjector(new LmkitModule());
        CommandLine cli = new CommandLine(LmkitCommand.class, new GuiceFactory(injector));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            if (parsed.asCommandLineList().get(0).getCommand() instanceof LmkitCommand root && root.verbose()) {
                Configurator.setRootLevel(Level.INFO);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            boolean verbose = parsed.asCommandLineList().get(0).getCommand() instanceof LmkitCommand root
                    && root.verbose();
            if (e instanceof LmkitException) {
                command.getErr().println("lmkit: " + e.getMessage());
            } else {
                command.getErr().println("lmkit: unexpected error: " + e
                        + (verbose ? "" : " (run with --verbose for the stack trace)"));
            }
            if (verbose) {
                e.printStackTrace(command.getErr());
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("lmkit: " + e.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
            return CommandLine.ExitCode.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
