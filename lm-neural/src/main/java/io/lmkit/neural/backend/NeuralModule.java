package io.lmkit.neural.backend;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lmkit.core.plugin.PluginRegistry;
import java.util.function.Consumer;

/**
 * Guice wiring of the compute backends, beside lm-core's {@link io.lmkit.core.plugin.LmkitModule}:
 * discovers every {@link BackendProvider} on a class loader once and binds the one
 * {@code PluginRegistry<BackendProvider>} and the {@link Backends} chosen from it as singletons.
 *
 * <p>The neural model providers (fixed-window, RNN, LSTM, GRU) that LmkitModule binds get these
 * {@code Backends} injected; without this module they discover the backends on their own class loader.
 */
public final class NeuralModule extends AbstractModule {

    private final ClassLoader loader;
    private final Consumer<String> warnings;

    /**
     * Discovers backends on {@code loader}; a broken backend plugin is left out and described to
     * {@code warnings} in one line naming its jar and class, as for model plugins.
     */
    public NeuralModule(ClassLoader loader, Consumer<String> warnings) {
        this.loader = loader;
        this.warnings = warnings;
    }

    @Provides
    @Singleton
    PluginRegistry<BackendProvider> backendRegistry() {
        return Backends.registry(loader, warnings);
    }

    @Provides
    @Singleton
    Backends backends(PluginRegistry<BackendProvider> registry) {
        return new Backends(registry);
    }
}
