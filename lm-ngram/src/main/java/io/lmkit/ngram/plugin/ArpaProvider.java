package io.lmkit.ngram.plugin;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.UnknownWord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code arpa} plugin: a model read from an ARPA file that another tool (KenLM, SRILM) or
 * lmkit wrote, so that it can be evaluated and compared like any trained model. "Training" reads
 * the file; the training corpus plays no part.
 */
public final class ArpaProvider implements ModelProvider<ArpaProvider.Config> {

    /**
     * Settings of an ARPA model.
     *
     * @param file        the ARPA file (plain or gzip)
     * @param unknownWord how scoring treats {@code <unk>}: {@code ordinary_word} (the default; what
     *                    KenLM's query does) or {@code resets_context} (the context is forgotten after it)
     */
    public record Config(String file, UnknownWord unknownWord) {
        /** Validates the settings. */
        public Config {
            java.util.Objects.requireNonNull(file, "file");
            java.util.Objects.requireNonNull(unknownWord, "unknownWord");
        }
    }

    @Override
    public String name() {
        return "arpa";
    }

    @Override
    public String description() {
        return "a backoff model read from an ARPA file (KenLM, SRILM or lmkit): set file=PATH";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config("", UnknownWord.ORDINARY_WORD);
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            if (config.file().isBlank()) {
                throw new LmkitException("the arpa model needs the ARPA file: --set file=PATH");
            }
            return ArpaReader.read(Path.of(config.file()), config.unknownWord());
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws IOException {
        return NgramModel.readData(data, vocabulary);
    }
}
