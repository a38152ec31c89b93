package io.lmkit.neural.backend;

import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.PluginRegistry;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses a compute backend: by name when one is asked for (a config or {@code --backend}), else
 * from the environment variable {@value #ENVIRONMENT}, else the available backend of highest rank.
 */
public final class Backends {

    /** The environment variable that names the backend to use. */
    public static final String ENVIRONMENT = "LMKIT_BACKEND";

    private final PluginRegistry<BackendProvider> providers;

    /** Chooses among these providers. */
    public Backends(PluginRegistry<BackendProvider> providers) {
        this.providers = providers;
    }

    /** The providers on the class path of {@code loader}. */
    public static Backends discover(ClassLoader loader) {
        return new Backends(PluginRegistry.discover(BackendProvider.class, loader, "compute backend",
                "Is lm-neural on the classpath?"));
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
