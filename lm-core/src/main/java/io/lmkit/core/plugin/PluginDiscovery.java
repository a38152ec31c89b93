package io.lmkit.core.plugin;

import io.lmkit.core.NamedPlugin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers of one plugin kind listed in {@code META-INF/services}, with every broken one left
 * out and described in one line that names its jar and class: a class that cannot be loaded, a
 * constructor or static initialiser that throws, a provider without a name, one named like a
 * provider found before it (lmkit's own come first), or one that fails the kind's own check (a
 * model provider without a trainer, say). One broken plugin jar never stops the others.
 *
 * @param <P>       the provider type
 * @param providers the working providers, in discovery order, with distinct names
 * @param problems  one line per provider left out, e.g. "jar my.jar: class org.x.P ...; skipped"
 */
public record PluginDiscovery<P extends NamedPlugin>(List<P> providers, List<String> problems) {

    /** The most errors one discovery reports before giving up on a class loader that keeps failing. */
    private static final int MAX_ERRORS = 100;

    /** Copies the lists. */
    public PluginDiscovery {
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }

    /**
     * Finds the providers of {@code type} on {@code loader}.
     *
     * @param kind  what they are, for messages ("model", "tokenizer")
     * @param check the kind's own check of a provider: a problem (e.g. "its trainer() is null"), or
     *              empty for a working provider
     */
    public static <P extends NamedPlugin> PluginDiscovery<P> of(Class<P> type, ClassLoader loader, String kind,
                                                               Function<P, Optional<String>> check) {
        Map<String, P> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Iterator<ServiceLoader.Provider<P>> found = ServiceLoader.load(type, loader).stream().iterator();
        while (problems.size() < MAX_ERRORS) {
            ServiceLoader.Provider<P> candidate;
            try {
                if (!found.hasNext()) {
                    break;
                }
                candidate = found.next();
            } catch (ServiceConfigurationError e) {
                // A listed class that is missing or not a provider; the iterator goes on with the next name.
                String message = String.valueOf(e.getMessage()).replaceFirst("^" + type.getName() + ": ", "");
                problems.add(where(type, loader, message) + " is listed as a " + kind + " plugin but cannot be loaded ("
                        + message + "); skipped. Rebuild or remove that jar");
                continue;
            }
            admit(candidate, byName, problems, kind, check, loader, type);
        }
        return new PluginDiscovery<>(new ArrayList<>(byName.values()), problems);
    }

    private static <P extends NamedPlugin> void admit(ServiceLoader.Provider<P> candidate, Map<String, P> byName,
                                                      List<String> problems, String kind,
                                                      Function<P, Optional<String>> check, ClassLoader loader,
                                                      Class<P> type) {
        String where = jar(candidate.type()) + ": class " + candidate.type().getName();
        P provider;
        String name;
        Optional<String> problem;
        try {
            provider = candidate.get();
            name = provider.name();
            problem = name == null || name.isBlank() ? Optional.of("its name() is " + (name == null ? "null" : "blank"))
                    : check.apply(provider);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
            problems.add(where + " cannot be created: " + reason(cause) + "; skipped. Fix or remove that jar");
            return;
        }
        if (problem.isPresent()) {
            problems.add(where + " is not a usable " + kind + " plugin: " + problem.get() + "; skipped. Fix or remove"
                    + " that jar");
            return;
        }
        P before = byName.putIfAbsent(name, provider);
        if (before != null) {
            String other = before.getClass().getName().startsWith("io.lmkit.") ? "lmkit's own " + kind + " ("
                    + before.getClass().getName() + ")" : "the " + kind + " " + before.getClass().getName() + " of "
                    + jar(before.getClass());
            problems.add(where + " is named '" + name + "' like " + other + "; skipped. Give it another name");
        }
    }

    /** A throwable as "Type: message", its innermost cause for wrappers such as ExceptionInInitializerError. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + message;
    }

    /** "jar NAME" for a class from a jar, "folder DIR" for one from a classes folder. */
    static String jar(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "the JDK";
        }
        String path = source.getLocation().getPath();
        String file = path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
        return path.endsWith(".jar") ? "jar " + file : "folder " + path;
    }

    /** The jar whose services file lists the class an error message names, when it can be found. */
    private static String where(Class<?> type, ClassLoader loader, String message) {
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/services/" + type.getName()))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line : in.lines().map(l -> l.replaceAll("#.*", "").strip()).toList()) {
                        if (!line.isEmpty() && message != null && message.contains(line)) {
                            String jar = url.getPath().replaceFirst("!/META-INF/.*$", "");
                            return "jar " + jar.substring(jar.lastIndexOf('/') + 1) + ": class " + line;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Fall through: the message alone still names the class.
        }
        return "a plugin jar";
    }
}
