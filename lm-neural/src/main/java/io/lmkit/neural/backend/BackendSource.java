package io.lmkit.neural.backend;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a neural model provider gets its {@link Backends}: the application's one registry once it is
 * given (Guice gives it when {@link NeuralModule} is installed), else the backends on a class loader,
 * discovered once on first use, so that a provider built by hand works too.
 */
public final class BackendSource {

    private final ClassLoader loader;
    private volatile Supplier<Backends> given;
    private volatile Backends discovered;

    /** Discovers on {@code loader} unless {@link #use(Supplier)} gives the backends first. */
    public BackendSource(ClassLoader loader) {
        this.loader = loader;
    }

    /** Uses these backends from now on (the application's registry), asked for only when a backend is needed. */
    public void use(Supplier<Backends> backends) {
        this.given = backends;
    }

    /** The backends to choose among. */
    public Backends get() {
        Supplier<Backends> supplier = given;
        if (supplier != null) {
            return supplier.get();
        }
        Backends found = discovered;
        if (found == null) {
            // Two threads may both discover; either result is the same set of providers.
            found = Backends.discover(loader);
            discovered = found;
        }
        return found;
    }

    /**
     * Creates the named backend (blank: {@value Backends#ENVIRONMENT} or the best available) with these threads.
     *
     * @throws io.lmkit.core.LmkitException when it does not exist or cannot run here
     */
    public ComputeBackend create(String name, int threads) {
        return get().choose(Optional.of(name)).create(threads);
    }
}
