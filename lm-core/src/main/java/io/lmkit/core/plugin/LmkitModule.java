package io.lmkit.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.lmkit.core.text.TokenizerProvider;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Guice wiring of lmkit's plugins: discovers every {@link ModelProvider} and
 * {@link TokenizerProvider} on a class loader once, binds them by name in {@link MapBinder}s,
 * and exposes them as {@link PluginRegistry} singletons.
 *
 * <p>Inject {@code PluginRegistry<ModelProvider<?>>} or {@code PluginRegistry<TokenizerProvider>}
 * where plugins are needed; nothing in lmkit keeps a static registry.
 */
public final class LmkitModule extends AbstractModule {

    private final ClassLoader loader;

    /** Discovers plugins on the context class loader (the application classpath). */
    public LmkitModule() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** Discovers plugins on {@code loader}, e.g. one that adds a plugins folder. */
    public LmkitModule(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    protected void configure() {
        MapBinder<String, ModelProvider<?>> models = MapBinder.newMapBinder(binder(),
                new TypeLiteral<String>() { }, new TypeLiteral<ModelProvider<?>>() { });
        for (ModelProvider<?> p : ServiceLoader.load(ModelProvider.class, loader)) {
            models.addBinding(p.name()).toInstance(p);
        }
        MapBinder<String, TokenizerProvider> tokenizers =
                MapBinder.newMapBinder(binder(), String.class, TokenizerProvider.class);
        for (TokenizerProvider p : ServiceLoader.load(TokenizerProvider.class, loader)) {
            tokenizers.addBinding(p.name()).toInstance(p);
        }
    }

    @Provides
    @Singleton
    PluginRegistry<ModelProvider<?>> modelRegistry(Map<String, ModelProvider<?>> models) {
        // The hint names how the lmkit command adds a plugin jar, the usual fix when a model file's plugin is missing.
        return new PluginRegistry<>("model", "Is the module that provides it (lm-ngram, lm-neural, lm-rnn or a"
                + " plugin jar) on the classpath? lmkit loads plugin jars from the folder given by --plugins DIR"
                + " or the LMKIT_PLUGINS environment variable.", models.values());
    }

    @Provides
    @Singleton
    PluginRegistry<TokenizerProvider> tokenizerRegistry(Map<String, TokenizerProvider> tokenizers) {
        return new PluginRegistry<>("tokenizer", "Is the jar that provides it on the classpath?", tokenizers.values());
    }
}
