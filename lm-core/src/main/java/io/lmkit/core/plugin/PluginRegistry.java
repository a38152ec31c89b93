package io.lmkit.core.plugin;

import io.lmkit.core.LmkitException;
import io.lmkit.core.NamedPlugin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins of one kind found on the classpath, by name.
 *
 * <p>Discovery happens once, when the registry is built (normally by {@link LmkitModule} at
 * startup); the registry itself is immutable and has no static state.
 *
 * @param <P> the provider type, e.g. {@link ModelProvider}
 */
public final class PluginRegistry<P extends NamedPlugin> {

    private final String kind;
    private final String hint;
    private final Map<String, P> byName;
    private final List<String> skipped;

    /**
     * Creates a registry of the given providers.
     *
     * @param kind      what the plugins are, for messages ("model", "tokenizer")
     * @param hint      what to add to the classpath when a name is missing, for messages
     * @param providers the providers; two with the same name are an error
     */
    public PluginRegistry(String kind, String hint, Collection<? extends P> providers) {
        this(kind, hint, providers, List.of());
    }

    /**
     * Creates a registry of the given providers, remembering the broken ones left out so that
     * asking for a missing name also says which plugins could not be used.
     *
     * @param skipped one line per provider left out, as {@link PluginDiscovery#problems()} gives them
     */
    public PluginRegistry(String kind, String hint, Collection<? extends P> providers, List<String> skipped) {
        this.kind = kind;
        this.hint = hint;
        this.skipped = List.copyOf(skipped);
        Map<String, P> map = new TreeMap<>();
        for (P p : providers) {
            P previous = map.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new LmkitException("two " + kind + " plugins are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one of their jars from the classpath");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Finds every provider of {@code type} listed in {@code META-INF/services} of the class loader. */
    public static <P extends NamedPlugin> PluginRegistry<P> discover(
            Class<P> type, ClassLoader loader, String kind, String hint) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return new PluginRegistry<>(kind, hint, found);
    }

    /**
     * The provider with this name.
     *
     * @throws LmkitException naming the available plugins when there is none by that name
     */
    public P get(String name) {
        P p = byName.get(name);
        if (p == null) {
            throw new LmkitException("No " + kind + " '" + name + "'; available: " + byName.keySet()
                    + ". " + hint + (skipped.isEmpty() ? "" : " (" + skipped.size() + " broken " + kind
                    + " plugin(s) were skipped: " + String.join(" | ", skipped) + ")"));
        }
        return p;
    }

    /** Whether a provider with this name exists. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** All providers, sorted by name. */
    public Collection<P> all() {
        return byName.values();
    }
}
