package io.lmkit.ngram.plugin;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.util.Objects;

/**
 * The {@code static-mixture} plugin: a backoff n-gram model merged from two or more n-gram models by
 * {@code lmkit mix --static} ({@link io.lmkit.ngram.estimate.StaticMixture}, SRILM's {@code -mix-lm} merge). It is
 * an ordinary n-gram model once written, so it exports to ARPA; the settings record how it was made. It is made
 * from saved models, not trained.
 */
public final class StaticMixtureProvider implements ModelProvider<StaticMixtureProvider.Config> {

    /**
     * How the model was made.
     *
     * @param weights    the weight of each merged model, in order, separated by commas
     * @param components the merged model files' names, in the same order, separated by commas
     */
    public record Config(String weights, String components) {
        /** Checks that both are given. */
        public Config {
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(components, "components");
        }
    }

    @Override
    public String name() {
        return "static-mixture";
    }

    @Override
    public String description() {
        return "one backoff n-gram model merged from a mixture of n-gram models, made with 'lmkit mix --static'";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config("", "");
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            throw new LmkitException("a static mixture is not trained: train n-gram models, then merge them with"
                    + " 'lmkit mix --static --model A.zip --model B.zip --lambda 0.5 --out AB.zip'");
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws IOException {
        return NgramModel.readData(data, vocabulary);
    }
}
