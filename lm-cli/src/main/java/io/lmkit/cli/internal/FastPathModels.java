package io.lmkit.cli.internal;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginDiscovery;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.ngram.NgramModel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the model file of a fast path ({@link NgramEvalFastPath}, {@link NgramScoreFastPath}) without
 * Guice: lm-ngram's model plugins and lm-core's tokenizers, found with {@link PluginDiscovery} as
 * {@code LmkitModule} finds them but in those two jars alone ({@link ScopedServiceLoader}); a model file of
 * another plugin fails to load here and goes the general way.
 */
final class FastPathModels {

    private FastPathModels() {
    }

    /**
     * The n-gram model in {@code file} with the tokenizer its manifest names; empty when the file holds
     * another kind of model or a plugin on the class path is broken (the general path warns about it).
     *
     * @throws RuntimeException as {@link ModelFile#load} for a file it cannot load (the caller falls back)
     */
    static Optional<LoadedModel> loadNgram(Path file) {
        // Only lm-ngram's models and lm-core's tokenizers can serve a fast path: their jars alone are asked.
        ClassLoader loader = new ScopedServiceLoader(FastPathModels.class.getClassLoader(), NgramModel.class,
                TokenizerProvider.class);
        PluginDiscovery<ModelProvider<?>> models = PluginDiscovery.of(modelType(), loader, "model",
                p -> Optional.empty());
        PluginDiscovery<TokenizerProvider> tokenizers = PluginDiscovery.of(TokenizerProvider.class, loader,
                "tokenizer", p -> Optional.empty());
        if (!models.problems().isEmpty() || !tokenizers.problems().isEmpty()) {
            return Optional.empty();
        }
        ModelFile.Loaded loaded = ModelFile.load(file, new PluginRegistry<>("model", "", models.providers()));
        if (!(loaded.model() instanceof NgramModel)) {
            return Optional.empty();
        }
        PluginRegistry<TokenizerProvider> registry = new PluginRegistry<>("tokenizer", "", tokenizers.providers());
        if (!registry.contains(loaded.manifest().tokenizer())) {
            return Optional.empty();
        }
        return Optional.of(new LoadedModel(file, loaded.manifest(), loaded.model(),
                registry.get(loaded.manifest().tokenizer()).create()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<ModelProvider<?>> modelType() {
        return (Class) ModelProvider.class;
    }
}
