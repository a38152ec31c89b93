package io.lmkit.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * lmkit's own class loader, seen through a filter: its {@code META-INF/services} files are looked up only in
 * the jars (or class folders) that hold the given classes, while classes still come from lmkit's loader.
 *
 * <p>Why: {@link java.util.ServiceLoader} asks the class loader for every jar's services file, and on
 * lmkit's class path of 65 jars (ND4J's native jars among them) opening them all takes about 80 ms, a
 * sixth of scoring Brown's test split twelve times with an n-gram model. A fast path that can only use
 * lm-ngram's models and lm-core's tokenizers asks those two jars alone. It finds the same providers the
 * full discovery would pick for those names: the fast paths run only on lmkit's own class path (a
 * {@code --plugins} folder sends a command the general way), and there lmkit's own providers come first.
 */
final class ScopedServiceLoader extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    private final List<URL> roots;

    /**
     * A view of {@code parent} whose services files come from the code sources of {@code anchors}.
     *
     * @throws IllegalStateException when an anchor has no code source (it was not loaded from a jar or folder)
     */
    ScopedServiceLoader(ClassLoader parent, Class<?>... anchors) {
        super("lmkit-scoped-services", parent);
        List<URL> found = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException(anchor.getName() + " has no code source to read services from");
            }
            found.add(source.getLocation());
        }
        this.roots = List.copyOf(found);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        List<URL> files = new ArrayList<>();
        for (URL root : roots) {
            URL file = root.getPath().endsWith(".jar") ? new URL("jar:" + root + "!/" + name) : new URL(root, name);
            if (exists(file)) {
                files.add(file);
            }
        }
        return Collections.enumeration(files);
    }

    private static boolean exists(URL file) {
        try (InputStream in = file.openStream()) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }
}
