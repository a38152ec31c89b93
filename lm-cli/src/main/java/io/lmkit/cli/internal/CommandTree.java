package io.lmkit.cli.internal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.LmkitModule;
import io.lmkit.neural.backend.NeuralModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.apache.logging.log4j.Level;
import picocli.CommandLine;

/**
 * The general way a command runs: picocli's command tree, built through Guice with the plugins found on
 * the class path. Kept out of {@link Main} so that a run {@link NgramEvalFastPath} takes never loads
 * picocli's or Guice's classes (the JVM would load some of them to link {@code Main}).
 */
final class CommandTree {

    private CommandTree() {
    }

    /** Parses {@code args} and runs the command they name; returns its exit code. */
    static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        ClassLoader appLoader = CommandTree.class.getClassLoader();
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
