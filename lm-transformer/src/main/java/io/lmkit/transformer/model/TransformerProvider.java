package io.lmkit.transformer.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.BackendSource;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.train.HeldOut;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.InputStream;

/** The {@code transformer} plugin: a causal Transformer trained by lm-neural's shared loop. */
public final class TransformerProvider implements ModelProvider<TransformerConfig> {

    private final BackendSource backends = new BackendSource(TransformerProvider.class.getClassLoader());

    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String description() {
        return "causal Transformer (pre-LayerNorm, GPT-2 style): multi-head self-attention over a window of positions";
    }

    @Override
    public Class<TransformerConfig> configType() {
        return TransformerConfig.class;
    }

    @Override
    public TransformerConfig defaultConfig() {
        return TransformerConfig.defaults();
    }

    /** The backend a config asks for, created with its threads. */
    ComputeBackend backend(TransformerConfig c) {
        return backends.create(c.backend(), c.threads());
    }

    /**
     * Chooses backends among the application's registry from now on, instead of those discovered on this
     * class's loader; Guice calls it when lm-neural's {@code NeuralModule} is installed.
     */
    @Inject(optional = true)
    public void useBackends(Provider<Backends> registry) {
        backends.use(registry::get);
    }

    @Override
    public Trainer<TransformerConfig> trainer() {
        return (data, config, seed, listener) -> {
            HeldOut corpora = HeldOut.of(data);
            try (TransformerTraining training = training(backend(config), config, corpora.train(), corpora.valid(),
                    seed)) {
                TrainingLoop.run(training, TrainingOptions.of(config, seed), listener);
                return new TransformerModel(data.vocabulary(), training.network());
            }
        };
    }

    /**
     * The training that {@link #trainer()} runs, at the initial weights on {@code backend}, for a loop or
     * a measurement of one's own (the benchmarks' {@code TransformerSpeed}). {@code config.backend()} and
     * {@code config.threads()} are not read: the backend is the caller's, to close after the training.
     *
     * @param seed the seed of the initial weights
     */
    public TransformerTraining training(ComputeBackend backend, TransformerConfig config, Corpus train, Corpus valid,
                                        long seed) {
        Vocabulary v = train.vocabulary();
        return new TransformerTraining(new TransformerNetwork(backend, v.size(), v.bos(), config, seed), train, valid);
    }

    /** A model at its initial weights, as training would start it, for diagnostics. */
    public LanguageModel untrained(TransformerConfig config, Vocabulary vocabulary, long seed) {
        return new TransformerModel(vocabulary, new TransformerNetwork(backend(config), vocabulary.size(),
                vocabulary.bos(), config, seed));
    }

    @Override
    public LanguageModel load(ModelDataSource data, TransformerConfig config, Vocabulary vocabulary)
            throws IOException {
        TransformerNetwork network = new TransformerNetwork(backend(config), vocabulary.size(), vocabulary.bos(),
                config, 0);
        try (InputStream in = data.entry(TransformerModel.DATA_ENTRY)) {
            ParameterFiles.read(in, network.parameters());
        }
        return new TransformerModel(vocabulary, network);
    }
}
