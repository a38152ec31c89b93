package org.example.lmkit.cache;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code cache-unigram} model plugin: {@link CacheUnigramModel}. Listed in
 * {@code META-INF/services/io.lmkit.core.plugin.ModelProvider}, so {@code lmkit models}, {@code lmkit train
 * --model cache-unigram} and {@code lmkit compare --models cache-unigram} find it when its jar is in the
 * plugins directory.
 */
public final class CacheUnigramProvider implements ModelProvider<CacheUnigramProvider.Config> {

    /**
     * Settings of the cache model; {@code --set lambda=0.3} and so on.
     *
     * @param lambda the weight of the cache, in [0, 1); 0 is the plain add-k unigram model
     * @param window how many recent words of the sentence the cache holds, at least 1
     * @param addK   the pseudo-count added to every predicted symbol's count, &gt; 0
     */
    public record Config(double lambda, int window, double addK) {
        /** Rejects a value that would not give a normalised model, naming it. */
        public Config {
            if (!(lambda >= 0 && lambda < 1)) {
                throw new IllegalArgumentException("lambda must be in [0, 1), got " + lambda);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, got " + window);
            }
            if (!(addK > 0) || Double.isInfinite(addK)) {
                throw new IllegalArgumentException("addK must be a positive number, got " + addK);
            }
        }
    }

    @Override
    public String name() {
        return "cache-unigram";
    }

    @Override
    public String description() {
        return "add-k unigram interpolated with a cache of the sentence's recent words (Kuhn & De Mori 1990);"
                + " an example plugin";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(0.2, 50, 0.5);
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            Corpus train = data.train();
            long[] counts = new long[train.vocabulary().size()];
            for (long p = 0; p < train.wordCount(); p++) {
                counts[train.wordAt(Math.toIntExact(p))]++;
            }
            counts[train.vocabulary().eos()] += train.sentenceCount();
            return new CacheUnigramModel(train.vocabulary(), counts, config.addK(), config.lambda(), config.window());
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws IOException {
        try (InputStream in = data.entry(CacheUnigramModel.COUNTS)) {
            return new CacheUnigramModel(vocabulary, CacheUnigramModel.readCounts(in, vocabulary), config.addK(),
                    config.lambda(), config.window());
        }
    }
}
