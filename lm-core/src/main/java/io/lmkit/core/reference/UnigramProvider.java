package io.lmkit.core.reference;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;

/** The {@code unigram} plugin: {@link UnigramModel}, add-one by default. */
public final class UnigramProvider implements ModelProvider<UnigramProvider.Config> {

    /**
     * Settings of the unigram model.
     *
     * @param addK the pseudo-count added to every symbol: 1 is Laplace's add-one, must be &gt; 0
     */
    public record Config(double addK) {
        /** Rejects a pseudo-count that would give some symbol probability 0 or make no sense. */
        public Config {
            if (!(addK > 0) || Double.isInfinite(addK)) {
                throw new IllegalArgumentException("addK must be a positive number, got " + addK);
            }
        }
    }

    @Override
    public String name() {
        return "unigram";
    }

    @Override
    public String description() {
        return "add-one (Laplace) unigram model; ignores context (a baseline)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(1.0);
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            Corpus train = data.train();
            long[] counts = new long[train.vocabulary().size()];
            for (int p = 0; p < train.wordCount(); p++) {
                counts[train.wordAt(p)]++;
            }
            counts[train.vocabulary().eos()] += train.sentenceCount();
            return new UnigramModel(train.vocabulary(), counts, config.addK());
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws IOException {
        try (InputStream in = data.entry(UnigramModel.COUNTS)) {
            return new UnigramModel(vocabulary, UnigramModel.readCounts(in, vocabulary), config.addK());
        }
    }
}
