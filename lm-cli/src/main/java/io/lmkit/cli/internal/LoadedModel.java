package io.lmkit.cli.internal;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.io.ModelManifest;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.TokenizerProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file loaded for querying (score, predict, the REPL): the model, its manifest and the
 * tokenizer its training text was split with, so that queries are split the same way.
 *
 * @param file      the model file
 * @param manifest  its provenance
 * @param model     the model
 * @param tokenizer the tokenizer named in the manifest
 */
record LoadedModel(Path file, ModelManifest manifest, LanguageModel model, Tokenizer tokenizer) {

    /** Loads {@code file} with the plugin that wrote it and the tokenizer it names. */
    static LoadedModel load(Path file, PluginRegistry<ModelProvider<?>> models,
                            PluginRegistry<TokenizerProvider> tokenizers) {
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        Tokenizer tokenizer = tokenizers.get(loaded.manifest().tokenizer()).create();
        return new LoadedModel(file, loaded.manifest(), loaded.model(), tokenizer);
    }

    /** The words of {@code text} as this model's training text was split. */
    List<String> words(String text) {
        return tokenizer.tokenize(text);
    }

    /** A short name for tables: the file name and the plugin, e.g. {@code kn3.zip (kneser-ney)}. */
    String label() {
        return file.getFileName() + " (" + manifest.model() + ")";
    }
}
