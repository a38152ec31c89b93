package io.lmkit.neural.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Class loaders that add backend plugins to the test classpath, as a plugin jar would. */
public final class BackendLoaders {

    private BackendLoaders() {
    }

    /**
     * A loader that sees the test classpath plus a services file listing {@code classNames} as backend
     * providers (a name of a missing class makes a broken plugin).
     */
    public static ClassLoader listing(Path dir, String... classNames) {
        try {
            Path services = Files.createDirectories(dir.resolve("META-INF/services"));
            Files.writeString(services.resolve(BackendProvider.class.getName()),
                    String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendLoaders.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
