package io.lmkit.neural.window;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.BackendSource;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.train.HeldOut;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.InputStream;

/** The {@code fixed-window} plugin: Bengio et al.'s neural probabilistic language model. */
public final class FixedWindowProvider implements ModelProvider<FixedWindowConfig> {

    private final BackendSource backends = new BackendSource(FixedWindowProvider.class.getClassLoader());

    @Override
    public String name() {
        return "fixed-window";
    }

    @Override
    public String description() {
        return "Bengio et al. 2003: embeddings of the n-1 previous words, a tanh/ReLU layer, a softmax";
    }

    @Override
    public Class<FixedWindowConfig> configType() {
        return FixedWindowConfig.class;
    }

    @Override
    public FixedWindowConfig defaultConfig() {
        return FixedWindowConfig.defaults();
    }

    /** The backend a config asks for, created with its threads. */
    ComputeBackend backend(FixedWindowConfig c) {
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
    public Trainer<FixedWindowConfig> trainer() {
        return (data, config, seed, listener) -> {
            Vocabulary v = data.vocabulary();
            HeldOut corpora = HeldOut.of(data);
            ComputeBackend backend = backend(config);
            FixedWindowNetwork network = new FixedWindowNetwork(backend, v.size(), OutputClasses.count(v), config, seed);
            FixedWindowTraining training = new FixedWindowTraining(network, new WindowExamples(corpora.train(),
                    config.order() - 1), new WindowExamples(corpora.valid(), config.order() - 1), config.batchSize(),
                    config.dropout());
            TrainingLoop.run(training, TrainingOptions.of(config, seed), listener);
            return new FixedWindowModel(v, network, config.order() - 1);
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, FixedWindowConfig config, Vocabulary vocabulary) throws IOException {
        FixedWindowNetwork network = new FixedWindowNetwork(backend(config), vocabulary.size(),
                OutputClasses.count(vocabulary), config, 0);
        try (InputStream in = data.entry(FixedWindowModel.DATA_ENTRY)) {
            ParameterFiles.read(in, network.parameters());
        }
        return new FixedWindowModel(vocabulary, network, config.order() - 1);
    }
}
