package io.lmkit.rnn.model;

import io.lmkit.core.corpus.Corpus;
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
import java.util.Locale;

/**
 * What the {@code rnn}, {@code lstm} and {@code gru} plugins share: the same network around a
 * different cell, trained by the shared loop with truncated BPTT.
 */
public abstract class RecurrentProvider implements ModelProvider<RnnConfig> {

    private final BackendSource backends = new BackendSource(RecurrentProvider.class.getClassLoader());

    private final CellKind kind;

    /** A provider of models with {@code kind} cells. */
    protected RecurrentProvider(CellKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Class<RnnConfig> configType() {
        return RnnConfig.class;
    }

    @Override
    public RnnConfig defaultConfig() {
        return RnnConfig.defaults();
    }

    /** The backend a config asks for, created with its threads. */
    ComputeBackend backend(RnnConfig c) {
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
    public Trainer<RnnConfig> trainer() {
        return (data, config, seed, listener) -> {
            HeldOut corpora = HeldOut.of(data);
            // The training steps' tensors (one segment's worth, logits included) are not kept with the model.
            try (RnnTraining training = training(backend(config), config, corpora.train(), corpora.valid(), seed)) {
                TrainingLoop.run(training, TrainingOptions.of(config, seed), listener);
                return new RecurrentModel(data.vocabulary(), training.network());
            }
        };
    }

    /**
     * The training that {@link #trainer()} runs, a model of this kind at its initial weights on {@code backend}:
     * one truncated-BPTT segment of {@code train} per {@link RnnTraining#trainStep} (segments in order, the
     * state carried from one to the next as {@code config.sentenceReset()} says), validated on {@code valid}.
     * For a training loop or a measurement of one's own, such as the benchmarks' heap allocated per step
     * ({@code RnnStepAllocation}). {@code config.backend()} and {@code config.threads()} are not read: the
     * backend is the caller's, to close after closing the training.
     *
     * @param seed the seed of the initial weights
     */
    public RnnTraining training(ComputeBackend backend, RnnConfig config, Corpus train, Corpus valid, long seed) {
        Vocabulary v = train.vocabulary();
        RecurrentNetwork network = new RecurrentNetwork(backend, kind, v.size(), OutputClasses.count(v), config, seed);
        // Validation scores every sentence from a zero state, as the comparison table does, whichever way
        // training treats the state.
        return new RnnTraining(network, new RnnTraining.Streams(train, config.batchSize()),
                RnnTraining.Streams.bySentence(valid, config.batchSize()), config.bptt(), config.dropout(),
                config.sentenceReset());
    }

    /**
     * A model of this kind at its initial weights, as training would start it: for diagnostics
     * that compare initial and trained weights.
     */
    public LanguageModel untrained(RnnConfig config, Vocabulary vocabulary, long seed) {
        return new RecurrentModel(vocabulary, new RecurrentNetwork(backend(config), kind, vocabulary.size(),
                OutputClasses.count(vocabulary), config, seed));
    }

    @Override
    public LanguageModel load(ModelDataSource data, RnnConfig config, Vocabulary vocabulary) throws IOException {
        RecurrentNetwork network = new RecurrentNetwork(backend(config), kind, vocabulary.size(),
                OutputClasses.count(vocabulary), config, 0);
        try (InputStream in = data.entry(RecurrentModel.DATA_ENTRY)) {
            ParameterFiles.read(in, network.parameters());
        }
        return new RecurrentModel(vocabulary, network);
    }
}
