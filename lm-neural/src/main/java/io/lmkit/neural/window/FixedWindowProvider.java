package io.lmkit.neural.window;

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
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.param.ParameterFiles;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The {@code fixed-window} plugin: Bengio et al.'s neural probabilistic language model. */
public final class FixedWindowProvider implements ModelProvider<FixedWindowConfig> {

    private final BackendSource backends = new BackendSource(FixedWindowProvider.class.getClassLoader());

    private static final Logger LOG = LogManager.getLogger(FixedWindowProvider.class);

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
        return new FixedWindowConfig(5, 60, 100, Activation.TANH, false, 0.0, 20, 128, "adam", 1e-3, "plateau", 0.0,
                5.0, 0.0, 2, 0.0, 0, "", Math.max(1, Runtime.getRuntime().availableProcessors()), "", 5.0, false, 0);
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
            Corpus train = data.train();
            Corpus valid;
            if (data.valid().isPresent()) {
                valid = data.valid().get();
            } else {
                // Validation drives early stopping and the schedule, so hold some training text out.
                int cut = Math.max(1, (int) (train.sentenceCount() * 0.95));
                LOG.warn("no validation corpus given: holding out the last {} training sentences for validation",
                        train.sentenceCount() - cut);
                valid = train.slice(Math.min(cut, train.sentenceCount() - 1), train.sentenceCount());
                train = train.sentenceCount() > 1 ? train.slice(0, cut) : train;
            }
            ComputeBackend backend = backend(config);
            FixedWindowNetwork network = new FixedWindowNetwork(backend, v.size(), OutputClasses.count(v), config, seed);
            FixedWindowTraining training = new FixedWindowTraining(network, new WindowExamples(train,
                    config.order() - 1), new WindowExamples(valid, config.order() - 1), config.batchSize(),
                    config.dropout());
            TrainingLoop.run(training, options(config, seed), listener);
            return new FixedWindowModel(v, network, config.order() - 1);
        };
    }

    static TrainingOptions options(FixedWindowConfig c, long seed) {
        OptimizerConfig.Kind kind = OptimizerConfig.kind(c.optimizer());
        OptimizerConfig optimizer = new OptimizerConfig(kind, kind == OptimizerConfig.Kind.SGD ? c.momentum() : 0,
                false, 0.9, 0.999, 1e-8, kind == OptimizerConfig.Kind.ADAMW ? c.weightDecay() : 0);
        LearningRateSchedule.Kind scheduleKind;
        try {
            scheduleKind = LearningRateSchedule.Kind.valueOf(c.schedule().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + c.schedule() + "'; choose constant, step or"
                    + " plateau");
        }
        LearningRateSchedule schedule = new LearningRateSchedule(scheduleKind, c.learningRate(), 0.5, 1, 0.003, 0);
        return new TrainingOptions(c.epochs(), optimizer, schedule, c.clipNorm(), 0,
                kind == OptimizerConfig.Kind.ADAMW ? 0 : c.weightDecay(), c.patience(), c.maxMinutes(), c.maxTokens(),
                c.validateEvery(), c.checkpoint().isBlank() ? Optional.empty() : Optional.of(Path.of(c.checkpoint())),
                c.checkpointMinutes(), c.resume(), seed);
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
