package io.lmkit.cli.internal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.LmkitModule;
import io.lmkit.neural.backend.NeuralModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.apache.logging.log4j.Level;
import picocli.CommandLine;

/**
 * Entry point of the {@code lmkit} command. Exit codes: 0 success, 1 runtime failure (the message
 * names the bad input and the fix), 2 usage error.
 */
public final class Main {

    /** The message of the {@link java.io.IOException} a write to a pipe whose reader has gone fails with. */
    private static final String BROKEN_PIPE = "Broken pipe";
    /** 128 + SIGPIPE: what a shell reports for a program that a closed pipe ended. */
    static final int EXIT_BROKEN_PIPE = 141;

    private Main() {
    }

    /** Runs {@code lmkit} with the process's arguments and exits with its status. */
    public static void main(String[] args) {
        LauncherStandardError.adopt(); // first, before anything (Log4j included) takes System.err
        System.exit(run(args, CliEnvironment.ofProcess(), StandardOutput.ofProcess(),
                new PrintWriter(System.err, true)));
    }

    /** Runs {@code lmkit} in-process with no input and an empty environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, new CliEnvironment(InputStream.nullInputStream(), false, Map.of()), out, err);
    }

    /**
     * Runs {@code lmkit} in-process, reading from and writing to the given streams; returns the exit
     * code, 1 when the results could not all be written to {@code out} (a full disk, a closed pipe).
     */
    public static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        int code = runCommand(args, environment, out, err);
        // PrintWriter keeps write errors to itself; checkError() flushes and reports them.
        if (out.checkError()) {
            String why = out instanceof StandardOutput s && s.failure().isPresent()
                    ? s.failure().get().getMessage() : "the stream reported an error";
            if (BROKEN_PIPE.equals(why)) {
                // The reader went away on purpose (`lmkit score ... | head`): stop quietly with the
                // status a shell gives a program that SIGPIPE ended, as Unix tools do.
                return EXIT_BROKEN_PIPE;
            }
            err.println("lmkit: could not write the results to standard output: " + why
                    + "; the output is incomplete (is the disk full or the pipe closed?)");
            err.flush();
            return code == CommandLine.ExitCode.OK ? CommandLine.ExitCode.SOFTWARE : code;
        }
        return code;
    }

    private static int runCommand(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        ClassLoader appLoader = Main.class.getClassLoader();
        URLClassLoader plugins = null;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            Optional<Path> folder = PluginJars.folder(args, environment);
            if (folder.isPresent()) {
                plugins = PluginJars.loader(folder.get(), appLoader, warning(err));
                thread.setContextClassLoader(plugins);
            }
            CommandLine cli = commandLine(plugins != null ? plugins : appLoader, environment, warning(err));
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } catch (LmkitException e) {
            err.println("lmkit: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (ServiceConfigurationError e) {
            err.println("lmkit: a plugin jar could not be loaded: " + e.getMessage()
                    + "; remove or rebuild that jar");
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            thread.setContextClassLoader(previous);
            close(plugins, err);
            out.flush();
            err.flush();
        }
    }

    /** A broken plugin is one warning line; the commands that do not need it keep working. */
    private static java.util.function.Consumer<String> warning(PrintWriter err) {
        return problem -> err.println("lmkit: warning: " + problem);
    }

    /** The command tree every run uses, with its plugins, handlers and help settings (tests walk it too). */
    static CommandLine commandLine(ClassLoader pluginLoader, CliEnvironment environment,
                                           java.util.function.Consumer<String> warnings) {
        Injector injector = Guice.createInjector(new LmkitModule(pluginLoader, warnings),
                new NeuralModule(pluginLoader, warnings),
                binder -> binder.bind(CliEnvironment.class).toInstance(environment));
        CommandLine cli = new CommandLine(LmkitCommand.class, new GuiceFactory(injector));
        HelpDefaults.showEverywhere(cli);
        cli.setExecutionStrategy(parsed -> {
            LmkitCommand root = parsed.asCommandLineList().get(0).getCommand();
            if (root.verbose() && root.quiet()) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
                        "--verbose and --quiet contradict each other; choose one");
            }
            LogLevel.apply(root.verbose() ? Level.INFO : root.quiet() ? Level.ERROR : Level.WARN);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            boolean verbose = parsed.asCommandLineList().get(0).<LmkitCommand>getCommand().verbose();
            command.getErr().println("lmkit: " + Failures.describe(e)
                    + (verbose || e instanceof LmkitException ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(command.getErr());
            }
            return CommandLine.ExitCode.SOFTWARE;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("lmkit: " + e.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    private static void close(URLClassLoader plugins, PrintWriter err) {
        if (plugins != null) {
            try {
                plugins.close();
            } catch (IOException e) {
                err.println("lmkit: warning: could not close the plugin jars: " + e.getMessage());
            }
        }
    }
}
