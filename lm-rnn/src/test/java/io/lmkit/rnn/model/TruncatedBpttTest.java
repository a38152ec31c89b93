package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.train.TrainingLoop;
import io.lmkit.neural.train.TrainingOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream layout of truncated BPTT, the carried state, and exact resume with it. */
class TruncatedBpttTest {

    @Test
    void theCorpusBecomesParallelRowsOfInputsAndTargets() {
        Corpus c = RecurrentModelTest.TRAIN.slice(0, 3);
        RnnTraining.Streams s = new RnnTraining.Streams(c, 2);
        int n = (int) c.tokenCount();
        assertEquals(n / 2, s.length);
        // The first input of every sentence is <s>, its last target </s>.
        assertEquals(c.vocabulary().bos(), s.inputs[0]);
        assertEquals(OutputClasses.of(c.vocabulary(), c.sentence(0)[0]), s.targets[0]);
        assertEquals(OutputClasses.of(c.vocabulary(), c.vocabulary().eos()), s.targets[c.sentenceLength(0)]);
        // A segment is time-major: element t·B + b is row b at step t.
        int[] seg = s.slice(s.inputs, 1, 3);
        assertEquals(s.inputs[3], seg[0]);
        assertEquals(s.inputs[s.length + 3], seg[1]);
        assertEquals(s.inputs[4], seg[2]);
    }

    @Test
    void theHiddenStateIsCarriedFromSegmentToSegmentAndResetEachEpoch() {
        RnnConfig config = RecurrentModelTest.config(1);
        RecurrentNetwork net = new RecurrentNetwork(new ReferenceBackend(), CellKind.LSTM,
                RecurrentModelTest.TRAIN.vocabulary().size(), RecurrentModelTest.TRAIN.vocabulary().predictedCount(),
                config, 1);
        RnnTraining t = new RnnTraining(net, new RnnTraining.Streams(RecurrentModelTest.TRAIN, 4),
                new RnnTraining.Streams(RecurrentModelTest.VALID, 4), 6, 0);
        assertTrue(t.carriedState().isEmpty());
        t.trainStep(0, 1);
        Map<String, double[]> afterFirst = t.carriedState();
        assertFalse(afterFirst.isEmpty());
        assertTrue(java.util.Arrays.stream(afterFirst.get("h0")).anyMatch(v -> v != 0), "a non-zero state is carried");
        t.trainStep(1, 2);
        assertFalse(java.util.Arrays.equals(afterFirst.get("h0"), t.carriedState().get("h0")));
        t.restoreCarriedState(afterFirst);
        assertArrayEquals(afterFirst.get("c0"), t.carriedState().get("c0"), 0.0);
    }

    @Test
    void resumingMidEpochWithTheCarriedStateGivesTheUninterruptedModel(@TempDir Path dir) {
        RnnConfig config = RecurrentModelTest.config(2);
        TrainingOptions full = TrainingOptions.of(config, 3);
        RnnTraining a = training(config);
        TrainingLoop.run(a, full, TrainingListener.NONE);

        Path checkpoint = dir.resolve("rnn.ckpt");
        TrainingOptions stopEarly = new TrainingOptions(2, full.optimizer(), full.schedule(), full.clipNorm(), 0, 0,
                full.patience(), 1e-9, 0, Optional.of(checkpoint), 1e-12, false, 3);
        RnnTraining b = training(config);
        TrainingLoop.run(b, stopEarly, TrainingListener.NONE);   // stops after its first update, mid-epoch
        RnnTraining c = training(config);
        TrainingLoop.run(c, new TrainingOptions(2, full.optimizer(), full.schedule(), full.clipNorm(), 0, 0,
                full.patience(), 0, 0, Optional.of(checkpoint), 1e-12, true, 3), TrainingListener.NONE);
        a.parameters().all().forEach(p -> assertArrayEquals(p.value().toDoubleArray(),
                c.parameters().get(p.name()).value().toDoubleArray(), 0.0, p.name()));
    }

    private static RnnTraining training(RnnConfig config) {
        RecurrentNetwork net = new RecurrentNetwork(new ReferenceBackend(), CellKind.GRU,
                RecurrentModelTest.TRAIN.vocabulary().size(), RecurrentModelTest.TRAIN.vocabulary().predictedCount(),
                config, 3);
        return new RnnTraining(net, new RnnTraining.Streams(RecurrentModelTest.TRAIN, config.batchSize()),
                new RnnTraining.Streams(RecurrentModelTest.VALID, config.batchSize()), config.bptt(), 0);
    }
}
