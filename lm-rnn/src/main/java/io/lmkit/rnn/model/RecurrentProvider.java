package io.lmkit.rnn.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelDataSource;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.BackendSource;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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
        return new RnnConfig(200, 200, 1, false, Activation.TANH, 0.0, 1.0, 0.1, 20, 35, 20, "adam", 2e-3, "plateau", 5.0, 2,
                0.0, 0, "", Math.max(1, Runtime.getRuntime().availableProcessors()), "", 5.0, false, true, 0);
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
            Vocabulary v = data.vocabulary();
            Corpus train = data.train();
            Corpus valid = data.valid().orElse(train.slice(Math.max(0, train.sentenceCount() - Math.max(1,
                    train.sentenceCount() / 20)), train.sentenceCount()));
            RecurrentNetwork network = new RecurrentNetwork(backend(config), kind, v.size(), OutputClasses.count(v),
                    config, seed);
            // Validation scores every sentence from a zero state, as the comparison table does, whichever way
            // training treats the state.
            RnnTraining training = new RnnTraining(network, new RnnTraining.Streams(train, config.batchSize()),
                    RnnTraining.Streams.bySentence(valid, config.batchSize()), config.bptt(), config.dropout(),
                    config.sentenceReset());
            try {
                TrainingLoop.run(training, options(config, seed), listener);
            } finally {
                // The training steps' tensors (one segment's worth, logits included) are not kept with the model.
                network.workspace().close();
            }
            return new RecurrentModel(v, network);
        };
    }

    static TrainingOptions options(RnnConfig c, long seed) {
        OptimizerConfig.Kind k = OptimizerConfig.kind(c.optimizer());
        LearningRateSchedule.Kind schedule;
        try {
            schedule = LearningRateSchedule.Kind.valueOf(c.schedule().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + c.schedule() + "'; choose constant, step or"
                    + " plateau");
        }
        return new TrainingOptions(c.epochs(), OptimizerConfig.of(k),
                new LearningRateSchedule(schedule, c.learningRate(), 0.5, 1, 0.003, 0), c.clipNorm(), 0, 0,
                c.patience(), c.maxMinutes(), c.maxTokens(), c.validateEvery(),
                c.checkpoint().isBlank() ? Optional.empty() : Optional.of(Path.of(c.checkpoint())),
                c.checkpointMinutes(), c.resume(), seed);
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
