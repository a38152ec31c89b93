package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.train.TrainingLoop;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 15.3: a training step takes its tensors from the network's workspace, lent for the step and
 * reused by the next, instead of allocating new ones every step; and that changes no bit of the
 * trained parameters. (When the workspace was introduced, these four trainings were also checked
 * against digests taken from the code before it, when every step allocated: identical.)
 */
class TensorReuseTest {

    static final Corpus TRAIN = SimdReproducibilityTest.TRAIN;
    static final Corpus VALID = SimdReproducibilityTest.VALID;

    /** The simd configuration of {@link SimdReproducibilityTest} (dropout 0.1, Adam, clipping) with hidden 32. */
    static RnnConfig config(Map<String, String> settings) {
        return ConfigBinder.bind(RnnConfig.class, SimdReproducibilityTest.config(1, 32), settings, "rnn");
    }

    static RecurrentNetwork network(CellKind kind, RnnConfig config) {
        Vocabulary v = TRAIN.vocabulary();
        ComputeBackend backend = Backends.discover(TensorReuseTest.class.getClassLoader())
                .choose(Optional.of(config.backend())).create(config.threads());
        return new RecurrentNetwork(backend, kind, v.size(), OutputClasses.count(v), config, 5);
    }

    /** The training the provider runs, on {@code network}. */
    static RnnTraining training(RecurrentNetwork network, RnnConfig config) {
        int batch = config.batchSize();
        return new RnnTraining(network, new RnnTraining.Streams(TRAIN, batch), config.sentenceReset()
                ? RnnTraining.Streams.bySentence(VALID, batch) : new RnnTraining.Streams(VALID, batch), config.bptt(),
                config.dropout(), config.sentenceReset());
    }

    /** The digest of the parameters after the provider's training loop, with or without tensor reuse. */
    static String trainedDigest(CellKind kind, Map<String, String> settings, boolean reuse) {
        RnnConfig config = config(settings);
        RnnTraining training = training(network(kind, config), config);
        training.reuseTensors = reuse;
        TrainingLoop.run(training, RecurrentProvider.options(config, 5), TrainingListener.NONE);
        return SimdReproducibilityTest.digest(training.parameters().snapshot());
    }

    static void assertReuseChangesNoBit(CellKind kind, Map<String, String> settings) {
        assertEquals(trainedDigest(kind, settings, false), trainedDigest(kind, settings, true),
                "parameters trained with fresh tensors every step, then with reused ones");
    }

    @Test
    void aTwoLayerLstmWithDropoutOnCarriedStateTrainsToTheSameBits() {
        assertReuseChangesNoBit(CellKind.LSTM, Map.of("layers", "2"));
    }

    @Test
    void aTiedLstmResetAtSentenceStartsTrainsToTheSameBits() {
        assertReuseChangesNoBit(CellKind.LSTM, Map.of("hidden", "24", "tied", "true", "sentenceReset", "true"));
    }

    @Test
    void aGruResetAtSentenceStartsTrainsToTheSameBits() {
        assertReuseChangesNoBit(CellKind.GRU, Map.of("sentenceReset", "true"));
    }

    @Test
    void anElmanNetworkTrainsToTheSameBits() {
        assertReuseChangesNoBit(CellKind.RNN, Map.of());
    }

    @Test
    void stepsAfterTheFirstTakeNoNewTensor() {
        RnnConfig config = config(Map.of());
        RecurrentNetwork network = network(CellKind.LSTM, config);
        RnnTraining training = training(network, config);
        training.trainStep(0, 1);
        int afterOneStep = network.workspace().tensorsHeld();
        for (int segment = 1; segment < 4; segment++) {
            training.trainStep(segment, 1);
        }
        assertTrue(afterOneStep > 0, "the first step's tensors stay in the workspace");
        assertEquals(afterOneStep, network.workspace().tensorsHeld(), "tensors held after four steps");
    }

    @Test
    void aTrainedModelKeepsNoneOfTheStepsTensors() {
        RecurrentModel model = (RecurrentModel) new LstmProvider().trainer().train(new TrainingData(TRAIN,
                Optional.of(VALID)), config(Map.of("epochs", "1")), 5, TrainingListener.NONE);
        assertEquals(0, model.network().workspace().tensorsHeld());
    }
}
