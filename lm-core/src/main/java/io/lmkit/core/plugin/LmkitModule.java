package io.lmkit.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.lmkit.core.text.TokenizerProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
    private final Consumer<String> warnings;
    private List<String> modelProblems = List.of();
    private List<String> tokenizerProblems = List.of();

    /** Discovers plugins on the context class loader (the application classpath). */
    public LmkitModule() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** Discovers plugins on {@code loader}, e.g. one that adds a plugins folder; broken plugins are skipped silently. */
    public LmkitModule(ClassLoader loader) {
        this(loader, problem -> { });
    }

    /**
     * Discovers plugins on {@code loader}; a broken plugin (see {@link PluginDiscovery}) is left out
     * and described to {@code warnings} in one line naming its jar and class.
     */
    public LmkitModule(ClassLoader loader, Consumer<String> warnings) {
        this.loader = loader;
        this.warnings = warnings;
    }

    @Override
    protected void configure() {
        MapBinder<String, ModelProvider<?>> models = MapBinder.newMapBinder(binder(),
                new TypeLiteral<String>() { }, new TypeLiteral<ModelProvider<?>>() { });
        PluginDiscovery<ModelProvider<?>> foundModels = PluginDiscovery.of(modelType(), loader, "model",
                LmkitModule::modelProblem);
        for (ModelProvider<?> p : foundModels.providers()) {
            models.addBinding(p.name()).toInstance(p);
        }
        MapBinder<String, TokenizerProvider> tokenizers =
                MapBinder.newMapBinder(binder(), String.class, TokenizerProvider.class);
        PluginDiscovery<TokenizerProvider> foundTokenizers = PluginDiscovery.of(TokenizerProvider.class, loader,
                "tokenizer", p -> Optional.empty());
        for (TokenizerProvider p : foundTokenizers.providers()) {
            tokenizers.addBinding(p.name()).toInstance(p);
        }
        modelProblems = foundModels.problems();
        tokenizerProblems = foundTokenizers.problems();
        modelProblems.forEach(warnings);
        tokenizerProblems.forEach(warnings);
    }

    /** What makes a model provider unusable: a missing trainer, config type or default config. */
    private static Optional<String> modelProblem(ModelProvider<?> p) {
        if (p.trainer() == null) {
            return Optional.of("its trainer() is null");
        }
        if (p.configType() == null || p.defaultConfig() == null) {
            return Optional.of("its " + (p.configType() == null ? "configType()" : "defaultConfig()") + " is null");
        }
        return Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<ModelProvider<?>> modelType() {
        return (Class) ModelProvider.class;
    }

    @Provides
    @Singleton
    PluginRegistry<ModelProvider<?>> modelRegistry(Map<String, ModelProvider<?>> models) {
        // The hint names how the lmkit command adds a plugin jar, the usual fix when a model file's plugin is missing.
        return new PluginRegistry<>("model", "Is the module that provides it (lm-ngram, lm-neural, lm-rnn, lm-transformer or a"
                + " plugin jar) on the classpath? lmkit loads plugin jars from the folder given by --plugins DIR"
                + " or the LMKIT_PLUGINS environment variable.", models.values(), modelProblems);
    }

    @Provides
    @Singleton
    PluginRegistry<TokenizerProvider> tokenizerRegistry(Map<String, TokenizerProvider> tokenizers) {
        return new PluginRegistry<>("tokenizer", "Is the jar that provides it on the classpath?", tokenizers.values(),
                tokenizerProblems);
    }
}
