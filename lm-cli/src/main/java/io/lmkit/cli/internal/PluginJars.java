package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user's plugin folder: every {@code *.jar} in it, on a class loader whose parent is lmkit's,
 * so that {@link java.util.ServiceLoader} finds the providers those jars list in
 * {@code META-INF/services} beside lmkit's own.
 */
final class PluginJars {

    private static final String OPTION = "--plugins";

    private PluginJars() {
    }

    /**
     * The plugin folder named by {@code --plugins DIR} (or {@code --plugins=DIR}) anywhere before a
     * {@code --} in {@code args}, else by the {@link LmkitCommand#PLUGINS_VARIABLE} variable.
     */
    static Optional<Path> folder(String[] args, CliEnvironment environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith(OPTION + "=")) {
                return Optional.of(Path.of(args[i].substring(OPTION.length() + 1)));
            }
        }
        String variable = environment.env().get(LmkitCommand.PLUGINS_VARIABLE);
        return variable == null || variable.isBlank() ? Optional.empty() : Optional.of(Path.of(variable));
    }

    /**
     * A class loader over the jars of {@code folder}, child of {@code parent}.
     *
     * @throws LmkitException when the folder does not exist or cannot be listed
     */
    static URLClassLoader loader(Path folder, ClassLoader parent) {
        if (!Files.isDirectory(folder)) {
            throw new LmkitException("plugin folder " + folder + " does not exist or is not a folder; --plugins"
                    + " (or " + LmkitCommand.PLUGINS_VARIABLE + ") must name a folder of plugin jars");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new LmkitException("cannot use plugin jar in " + folder + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LmkitException("cannot list plugin folder " + folder + ": " + e.getMessage()
                    + "; check its permissions", e);
        }
        return new URLClassLoader("lmkit-plugins", jars.toArray(URL[]::new), parent);
    }
}
