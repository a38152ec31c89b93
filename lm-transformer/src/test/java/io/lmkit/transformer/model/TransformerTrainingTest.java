package io.lmkit.transformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.train.TrainingStoppedException;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training through the shared loop: protocols, batches, exact resume, budgets and the schedule. */
class TransformerTrainingTest {

    private static TransformerTraining training(TransformerConfig config) {
        return new TransformerProvider().training(new ReferenceBackend(), config, Tiny.TRAIN, Tiny.VALID, 5);
    }

    private static long tokens(TransformerTraining t) {
        long n = 0;
        for (int b : t.batches(1, new SplittableRandom(1))) {
            n += t.tokens(b);
        }
        return n;
    }

    @Test
    void everyTokenIsTrainedOnceAnEpochUnderEitherProtocol() {
        // 200 sentences of 8 words: 9 predictions each, whether read per sentence (windows of 6 with a hop of 3,
        // each after the first scoring its last 3) or as one stream cut into windows of 6.
        assertEquals(Tiny.TRAIN.tokenCount(), tokens(training(Tiny.config(1).build())));
        assertEquals(Tiny.TRAIN.tokenCount(), tokens(training(Tiny.config(1).sentenceReset(false).build())));
    }

    @Test
    void aTrainedModelKeepsNoScratchTensors() {
        TransformerModel model = (TransformerModel) Tiny.train(Tiny.config(1).build());
        model.scoreSentences(List.of(Tiny.VALID.sentence(0), Tiny.VALID.sentence(1)));
        assertEquals(0, model.network().workspace().tensorsHeld(), "batches of many shapes must not pool tensors");
    }

    @Test
    void sentenceBatchesHoldAtMostBatchSizeWindowsOfOneLength() {
        TransformerTraining t = training(Tiny.config(1).batchSize(8).build());
        List<Integer> order = t.batches(1, new SplittableRandom(1));
        assertEquals(order.size(), new java.util.HashSet<>(order).size(), "every batch once");
        assertEquals(order, t.batches(1, new SplittableRandom(1)), "the order is the seed's");
        assertTrue(order.size() >= 400 / 8, "400 windows (two per sentence) in batches of 8: " + order.size());
    }

    @Test
    void resumingFromAStopMidEpochGivesTheUninterruptedModelBitForBit(@TempDir Path dir) {
        TransformerConfig base = Tiny.config(2).build();
        TransformerModel uninterrupted = (TransformerModel) Tiny.train(base);

        Path checkpoint = dir.resolve("t.ckpt");
        TransformerConfig stopped = base.toBuilder().checkpoint(checkpoint.toString()).build();
        TrainingListener stopAfter7 = new TrainingListener() {
            long steps;

            @Override
            public void onEvent(TrainingEvent event) {
                if (event instanceof TrainingEvent.Step) {
                    steps++;
                }
            }

            @Override
            public boolean stopRequested() {
                return steps >= 7;
            }
        };
        TransformerProvider provider = new TransformerProvider();
        assertThrows(TrainingStoppedException.class, () -> provider.trainer().train(
                new TrainingData(Tiny.TRAIN, Optional.of(Tiny.VALID)), stopped, 5, stopAfter7));
        TransformerModel resumed = (TransformerModel) provider.trainer().train(
                new TrainingData(Tiny.TRAIN, Optional.of(Tiny.VALID)),
                base.toBuilder().checkpoint(checkpoint.toString()).resume(true).build(), 5, TrainingListener.NONE);
        for (var p : uninterrupted.parameters().all()) {
            assertArrayEquals(p.value().toDoubleArray(), resumed.parameters().get(p.name()).value().toDoubleArray(),
                    0.0, p.name());
        }
    }

    @Test
    void aTokenBudgetStopsAtTheSameUpdateAndTheRateFollowsWarmUpThenCosine() {
        List<Double> rates = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        TrainingListener record = event -> {
            if (event instanceof TrainingEvent.Step s) {
                rates.add(s.learningRate());
                tokens.add(s.tokensSeen());
            }
        };
        new TransformerProvider().trainer().train(new TrainingData(Tiny.TRAIN, Optional.of(Tiny.VALID)),
                Tiny.config(20).maxTokens(1000).build(), 5, record);
        assertTrue(tokens.get(tokens.size() - 1) >= 1000 && tokens.get(tokens.size() - 2) < 1000, tokens.toString());
        assertEquals(0.02 / 5, rates.get(0), 1e-12, "the first of 5 warm-up updates");
        assertTrue(rates.get(4) > rates.get(rates.size() - 1), "decays after warm-up: " + rates);
        assertTrue(rates.get(rates.size() - 1) > 0.1 * 0.02 - 1e-12, "not below the floor: " + rates);
    }
}
