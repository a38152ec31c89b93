package io.lmkit.neural.backend;

import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.PluginDiscovery;
import io.lmkit.core.plugin.PluginRegistry;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;

/**
 * Chooses a compute backend: by name when one is asked for (a config or {@code --backend}), else
 * from the environment variable {@value #ENVIRONMENT}, else the available backend of highest rank.
 *
 * <p>An application binds one {@code PluginRegistry<BackendProvider>} and one {@code Backends} through
 * {@link NeuralModule}; a library user who builds model providers by hand gets {@link #discover(ClassLoader)}.
 */
public final class Backends {

    /** The environment variable that names the backend to use. */
    public static final String ENVIRONMENT = "LMKIT_BACKEND";

    private final PluginRegistry<BackendProvider> providers;

    /** Chooses among these providers. */
    public Backends(PluginRegistry<BackendProvider> providers) {
        this.providers = providers;
    }

    /** What to add when a backend name is missing, for the registry's message. */
    static final String HINT = "The nd4j-cpu and nd4j-cuda backends are in the module io.lmkit:lm-backend-nd4j: add it"
            + " and ND4J's runtime (org.nd4j:nd4j-native, or nd4j-cuda-11.6, with the platform classifier) to the"
            + " classpath.";

    /**
     * The providers on the class path of {@code loader}; a broken backend plugin is left out with a
     * logged warning that names its jar and class.
     */
    public static Backends discover(ClassLoader loader) {
        return discover(loader, problem -> LogManager.getLogger(Backends.class).warn(problem));
    }

    /**
     * The providers on the class path of {@code loader}; a broken backend plugin (see {@link
     * PluginDiscovery}) is left out and described to {@code warnings} in one line.
     */
    public static Backends discover(ClassLoader loader, Consumer<String> warnings) {
        return new Backends(registry(loader, warnings));
    }

    /** The registry of the working providers on {@code loader}, each broken one described to {@code warnings}. */
    static PluginRegistry<BackendProvider> registry(ClassLoader loader, Consumer<String> warnings) {
        PluginDiscovery<BackendProvider> found = PluginDiscovery.of(BackendProvider.class, loader, "compute backend",
                p -> Optional.empty());
        found.problems().forEach(warnings);
        return new PluginRegistry<>("compute backend", HINT, found.providers(), found.problems());
    }

    /** Every provider, available or not. */
    public java.util.Collection<BackendProvider> all() {
        return providers.all();
    }

    /**
     * The provider to use.
     *
     * @param requested a backend name, or empty to use the environment or the best available
     * @throws LmkitException when the named backend does not exist or cannot run here
     */
    public BackendProvider choose(Optional<String> requested) {
        Optional<String> name = requested.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()));
        if (name.isPresent()) {
            BackendProvider p = providers.get(name.get());
            p.unavailableReason().ifPresent(reason -> {
                throw new LmkitException("compute backend '" + p.name() + "' cannot run here: " + reason);
            });
            return p;
        }
        return providers.all().stream()
                .filter(p -> p.unavailableReason().isEmpty())
                .max(Comparator.comparingInt(BackendProvider::rank))
                .orElseThrow(() -> new LmkitException("no compute backend can run here: " + providers.all().stream()
                        .map(p -> p.name() + " (" + p.unavailableReason().orElse("?") + ")")
                        .collect(Collectors.joining("; "))));
    }
}
