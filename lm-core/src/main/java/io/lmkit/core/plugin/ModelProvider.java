package io.lmkit.core.plugin;

import io.lmkit.core.NamedPlugin;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;

/**
 * A model family as a plugin: listed in {@code META-INF/services/io.lmkit.core.plugin.ModelProvider},
 * discovered once at startup and bound in Guice by {@link LmkitModule}.
 *
 * <p>The config is a record whose compact constructor validates every value; its defaults are
 * {@link #defaultConfig()}, defined once here. Users override them by component name
 * ({@code --set order=5}); unknown names are errors (see {@link ConfigBinder}).
 *
 * @param <C> the config record of this family
 */
public interface ModelProvider<C extends Record> extends NamedPlugin {

    /** The config record type, whose component names are the keys users may set. */
    Class<C> configType();

    /** The config used for every key the user does not set. */
    C defaultConfig();

    /** The trainer of this family. */
    Trainer<C> trainer();

    /**
     * Reads back a model that this provider's model wrote with
     * {@link LanguageModel#writeData}.
     *
     * @param data       the model's entries in the model file
     * @param config     the config it was trained with
     * @param vocabulary its vocabulary
     */
    LanguageModel load(ModelDataSource data, C config, Vocabulary vocabulary) throws IOException;
}
