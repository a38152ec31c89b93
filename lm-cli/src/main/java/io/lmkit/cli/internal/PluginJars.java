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
import java.util.function.Consumer;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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
    static URLClassLoader loader(Path folder, ClassLoader parent, Consumer<String> warnings) {
        if (!Files.isDirectory(folder)) {
            throw new LmkitException("plugin folder " + folder + " does not exist or is not a folder; --plugins"
                    + " (or " + LmkitCommand.PLUGINS_VARIABLE + ") must name a folder of plugin jars");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                Optional<String> broken = unreadable(jar);
                if (broken.isPresent()) {
                    // The class loader would skip it without a word, and the user would wonder where the plugin went.
                    warnings.accept("plugin jar " + jar + " " + broken.get() + "; it is skipped. Rebuild it or"
                            + " remove it from " + folder);
                    continue;
                }
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

    /** Why a jar cannot be read as a zip (empty, truncated, not a zip at all), or empty when it can. */
    static Optional<String> unreadable(Path jar) {
        if (Files.isDirectory(jar)) {
            return Optional.of("is a folder, not a jar file");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(e -> { }); // reads the whole central directory
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("is not a jar (zip) file" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ": it may be empty or truncated");
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }
}
