package io.lmkit.neural.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.train.TrainingStoppedException;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.param.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared training loop on a small least-squares model whose behaviour is easy to follow. */
class TrainingLoopTest {

    @Test
    void aWallClockBudgetKeepsTimeForTheFinalValidationPass() {
        // A 2-minute budget whose validation passes take 20 s: training stops once 100 s have gone,
        // so that training and the validation that ends it take the 120 s asked for, not 140.
        assertEquals(false, TrainingLoop.wallClockBudgetSpent(100.0, 20.0, 2));
        assertTrue(TrainingLoop.wallClockBudgetSpent(100.001, 20.0, 2));
        assertEquals(false, TrainingLoop.wallClockBudgetSpent(119.9, 0.0, 2), "before any validation, the budget");
        assertEquals(false, TrainingLoop.wallClockBudgetSpent(1e9, 20.0, 0), "0: no wall-clock budget");
    }

    /** Fits w·x to y = 3x on 40 points; batches of 4 in a seeded order; "perplexity" = e^(mean loss). */
    static class Line implements TrainableModel<int[]> {
        final ParameterStore store = new ParameterStore(new ReferenceBackend());
        final double[] xs = new double[40];
        int nanAt = -1;
        int calls;

        Line() {
            store.zeros("w", 1, 1);
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (i - 20) / 10.0;
            }
        }

        @Override
        public ParameterStore parameters() {
            return store;
        }

        @Override
        public List<int[]> batches(int epoch, SplittableRandom random) {
            List<int[]> out = new ArrayList<>();
            for (int b = 0; b < 10; b++) {
                int[] batch = new int[4];
                for (int i = 0; i < 4; i++) {
                    batch[i] = random.nextInt(xs.length);
                }
                out.add(batch);
            }
            return out;
        }

        @Override
        public long tokens(int[] batch) {
            return batch.length;
        }

        @Override
        public double trainStep(int[] batch, long dropoutSeed) {
            calls++;
            double w = store.get("w").value().get(0, 0);
            double loss = 0;
            double grad = 0;
            for (int i : batch) {
                double err = w * xs[i] - 3 * xs[i];
                loss += err * err / batch.length;
                grad += 2 * err * xs[i] / batch.length;
            }
            if (calls == nanAt) {
                loss = Double.NaN;
            }
            store.get("w").gradient().set(new double[] {grad});
            return loss;
        }

        @Override
        public double validationPerplexity() {
            double w = store.get("w").value().get(0, 0);
            double loss = 0;
            for (double x : xs) {
                loss += Math.pow(w * x - 3 * x, 2) / xs.length;
            }
            return Math.exp(loss);
        }

        @Override
        public int classes() {
            // The loop treats a loss above 3 ln(classes) as an explosion; squared errors here reach 36.
            return Integer.MAX_VALUE;
        }
    }

    static TrainingOptions options(int epochs, Optional<Path> checkpoint, boolean resume) {
        return new TrainingOptions(epochs, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 10, 0, 0,
                checkpoint, 0, resume, 11);
    }

    @Test
    void anEpochWhoseBestValidationCameBeforeItsEndStillCountsAsImproved() {
        // Validation every 5 of an epoch's 10 updates: a pass inside each epoch and one at its end.
        double[] scripted = {10, 9, 5, 6, 7, 8, 1, 1};
        Line line = new Line() {
            int pass;

            @Override
            public double validationPerplexity() {
                return scripted[pass++];
            }
        };
        TrainingOptions patienceOne = new TrainingOptions(8, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 1, 0, 5,
                Optional.empty(), 0, false, 11);
        TrainingResult r = TrainingLoop.run(line, patienceOne, e -> { });
        // Epoch 1 ends at 9 (better), epoch 2 finds 5 inside and ends at 6: improved, so training goes on;
        // epoch 3 (7, 8) finds nothing better and patience 1 stops it. Counting only the epochs' ends would have
        // stopped after epoch 2.
        assertEquals(3, r.epochs());
        assertEquals(6, r.curve().size());
        assertEquals(5.0, r.bestValid());
    }

    @Test
    void trainingConvergesAndReportsEveryStep() {
        Line line = new Line();
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult r = TrainingLoop.run(line, options(30, Optional.empty(), false), events::add);
        assertEquals(3.0, line.store.get("w").value().get(0, 0), 0.05);
        assertEquals(300, r.steps());
        assertEquals(1200, r.tokens());
        assertEquals(30, r.curve().size());
        assertEquals(300, events.stream().filter(e -> e instanceof TrainingEvent.Step).count());
    }

    @Test
    void resumingFromACheckpointGivesExactlyTheUninterruptedModel(@TempDir Path dir) {
        Line uninterrupted = new Line();
        TrainingLoop.run(uninterrupted, options(6, Optional.of(dir.resolve("a.ckpt")), false), TrainingListener.NONE);

        Path checkpoint = dir.resolve("b.ckpt");
        TrainingLoop.run(new Line(), options(2, Optional.of(checkpoint), false), TrainingListener.NONE);
        assertTrue(Files.exists(checkpoint));
        Line resumed = new Line();
        TrainingResult r = TrainingLoop.run(resumed, options(6, Optional.of(checkpoint), true), TrainingListener.NONE);
        assertArrayEquals(uninterrupted.store.get("w").value().toDoubleArray(),
                resumed.store.get("w").value().toDoubleArray(), 0.0, "bit-identical parameters");
        assertEquals(60, r.steps());
        assertEquals(6, r.curve().size(), "the curve continues the checkpoint's");
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingBoth(@TempDir Path dir) {
        Path checkpoint = dir.resolve("c.ckpt");
        TrainingLoop.run(new Line(), options(2, Optional.of(checkpoint), false), TrainingListener.NONE);
        TrainingOptions otherRate = new TrainingOptions(6, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.01, 0.5, 1, 0, 0), 0, 0, 0, 10, 0, 0,
                Optional.of(checkpoint), 0, true, 11);
        LmkitException e = assertThrows(LmkitException.class,
                () -> TrainingLoop.run(new Line(), otherRate, TrainingListener.NONE));
        // Only the setting that differs is named, on both sides.
        assertTrue(e.getMessage().startsWith("checkpoint " + checkpoint + " was written with learningRate=0.05; this"
                + " run has learningRate=0.01. Resume with the settings"), e.getMessage());
        assertTrue(e.getMessage().contains("resume=false"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        // More epochs than the run that wrote it: a continuation, allowed.
        TrainingLoop.run(new Line(), options(9, Optional.of(checkpoint), true), TrainingListener.NONE);
    }

    @Test
    void resumingWithTwoOtherSettingsNamesBothAndNothingElse(@TempDir Path dir) {
        Path checkpoint = dir.resolve("c.ckpt");
        TrainingLoop.run(new Line(), options(2, Optional.of(checkpoint), false), TrainingListener.NONE);
        TrainingOptions other = new TrainingOptions(6, OptimizerConfig.of(OptimizerConfig.Kind.SGD),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.2, 0.5, 1, 0, 0), 0, 0, 0, 10, 0, 0,
                Optional.of(checkpoint), 0, true, 11);
        LmkitException e = assertThrows(LmkitException.class,
                () -> TrainingLoop.run(new Line(), other, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("checkpoint " + checkpoint + " was written with optimizer=adam,"
                + " learningRate=0.05; this run has optimizer=sgd, learningRate=0.2."), e.getMessage());
    }

    @Test
    void aCheckpointOfAnOlderVersionWithFreeFormRunTextStillResumes(@TempDir Path dir) {
        Line uninterrupted = new Line();
        TrainingLoop.run(uninterrupted, options(6, Optional.empty(), false), TrainingListener.NONE);
        Path checkpoint = dir.resolve("old.ckpt");
        TrainingLoop.run(new Line(), options(2, Optional.of(checkpoint), false), TrainingListener.NONE);
        Checkpoint c = Checkpoint.read(checkpoint);
        String legacy = RunSettings.of(options(2, Optional.of(checkpoint), false), Integer.MAX_VALUE, 10).legacy();
        assertTrue(legacy.startsWith("seed 11, OptimizerConfig[kind=ADAM"), legacy);
        new Checkpoint(c.epoch(), c.nextBatch(), c.step(), c.tokens(), c.elapsedSeconds(), c.parameters(), c.carried(),
                c.best(), c.bestValid(), c.epochsWithoutImprovement(), c.optimizer(), c.schedule(), c.curve(),
                c.rollbacks(), legacy).write(checkpoint);
        Line resumed = new Line();
        TrainingLoop.run(resumed, options(6, Optional.of(checkpoint), true), TrainingListener.NONE);
        assertArrayEquals(uninterrupted.store.get("w").value().toDoubleArray(),
                resumed.store.get("w").value().toDoubleArray(), 0.0, "bit-identical parameters");
    }

    @Test
    void resumeWithoutACheckpointIsRefusedNamingHowToStartAfresh(@TempDir Path dir) {
        Path missing = dir.resolve("missing.ckpt");
        LmkitException e = assertThrows(LmkitException.class,
                () -> TrainingLoop.run(new Line(), options(2, Optional.of(missing), true), TrainingListener.NONE));
        assertEquals("resume=true: checkpoint " + missing + " does not exist; give the checkpoint an earlier run"
                + " wrote, or start afresh with resume=false (the default)", e.getMessage());
        assertTrue(!Files.exists(missing), "nothing was trained or written");
    }

    @Test
    void aTinyTimeBudgetStopsAfterTheFirstUpdate() {
        TrainingOptions budget = new TrainingOptions(5, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 10, 1e-9, 0,
                Optional.empty(), 0, false, 11);
        Line line = new Line();
        TrainingResult r = TrainingLoop.run(line, budget, TrainingListener.NONE);
        assertEquals(1, r.steps(), "the budget is checked after every update, not at epoch ends");
        assertEquals(1, line.calls);
        assertTrue(r.stoppedBecause().contains("budget"), r.stoppedBecause());
    }

    @Test
    void nonFiniteOptionsAreRefusedNamingTheSettingAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(5,
                OptimizerConfig.of(OptimizerConfig.Kind.ADAM), new LearningRateSchedule(
                LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 10, Double.POSITIVE_INFINITY, 0,
                Optional.empty(), 0, false, 11));
        assertEquals("maxMinutes must be a finite number, 0 or more (0: no budget), got Infinity", e.getMessage());
    }

    @Test
    void aRunResumedMidEpochReportsTheBatchesOfItsOwnEpoch(@TempDir Path dir) {
        Path checkpoint = dir.resolve("b.ckpt");
        TrainingListener stopAfter17 = new TrainingListener() {
            long steps;

            @Override
            public void onEvent(TrainingEvent event) {
                steps += event instanceof TrainingEvent.Step ? 1 : 0;
            }

            @Override
            public boolean stopRequested() {
                return steps >= 17;
            }
        };
        assertThrows(TrainingStoppedException.class,
                () -> TrainingLoop.run(new Line(), options(3, Optional.of(checkpoint), false), stopAfter17));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingLoop.run(new Line(), options(3, Optional.of(checkpoint), true), events::add);
        assertEquals(new TrainingEvent.Progress("epoch 2", 7, Double.NaN), events.get(1), "7 batches of epoch 2 done");
        TrainingEvent.Step first = (TrainingEvent.Step) events.get(2);
        assertEquals(18, first.step());
        assertEquals(8, first.batchInEpoch(), "the 8th batch of epoch 2, not the 18th");
    }

    @Test
    void aStopRequestWritesACheckpointMidEpochFromWhichResumingGivesTheUninterruptedModel(@TempDir Path dir) {
        Line uninterrupted = new Line();
        TrainingLoop.run(uninterrupted, options(6, Optional.of(dir.resolve("a.ckpt")), false), TrainingListener.NONE);

        Path checkpoint = dir.resolve("b.ckpt");
        TrainingListener stopAfter17 = new TrainingListener() {
            long steps;

            @Override
            public void onEvent(TrainingEvent event) {
                if (event instanceof TrainingEvent.Step) {
                    steps++;
                }
            }

            @Override
            public boolean stopRequested() {
                return steps >= 17;
            }
        };
        TrainingStoppedException stopped = assertThrows(TrainingStoppedException.class,
                () -> TrainingLoop.run(new Line(), options(6, Optional.of(checkpoint), false), stopAfter17));
        assertEquals(Optional.of(checkpoint), stopped.checkpoint());
        assertTrue(stopped.getMessage().contains("--resume " + checkpoint), stopped.getMessage());
        Checkpoint written = Checkpoint.read(checkpoint);
        assertEquals(2, written.epoch());
        assertEquals(7, written.nextBatch(), "17 updates = one epoch of 10 and 7 batches of the second");
        assertEquals(17, written.step());

        Line resumed = new Line();
        TrainingResult r = TrainingLoop.run(resumed, options(6, Optional.of(checkpoint), true), TrainingListener.NONE);
        assertArrayEquals(uninterrupted.store.get("w").value().toDoubleArray(),
                resumed.store.get("w").value().toDoubleArray(), 0.0, "bit-identical parameters");
        assertEquals(60, r.steps());
    }

    /** Options with an epoch-end checkpoint, and a timed one after every update when {@code timed}. */
    static TrainingOptions checkpointed(Path checkpoint, boolean timed) {
        return new TrainingOptions(8, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 10, 0, 0,
                Optional.of(checkpoint), timed ? 1e-12 : 0, false, 11);
    }

    /** Trains a line that goes wrong at update 25, mid-epoch, and returns w and the rollback count. */
    static double[] trainBreakingAt25(Path checkpoint, boolean timed, boolean breakParameters) {
        Line line = new Line() {
            @Override
            public double trainStep(int[] batch, long seed) {
                double loss = super.trainStep(batch, seed);
                if (breakParameters && calls == 25) { // the loss is fine; the weights the update sees are not
                    store.get("w").value().set(new double[] {Double.NaN});
                }
                return loss;
            }
        };
        line.nanAt = breakParameters ? -1 : 25;
        TrainingResult r = TrainingLoop.run(line, checkpointed(checkpoint, timed), TrainingListener.NONE);
        return new double[] {line.store.get("w").value().get(0, 0), r.rollbacks(), r.bestValid()};
    }

    @Test
    void checkpointsTheClockAsksForNeverChangeTheNumbersEvenAcrossARollback(@TempDir Path dir) {
        for (boolean breakParameters : new boolean[] {false, true}) {
            double[] untimed = trainBreakingAt25(dir.resolve("untimed.ckpt"), false, breakParameters);
            double[] timed = trainBreakingAt25(dir.resolve("timed.ckpt"), true, breakParameters);
            assertEquals(1, untimed[1], "one rollback");
            assertArrayEquals(untimed, timed, 0.0, "w, rollbacks and best perplexity with a checkpoint after every"
                    + " update against none between epoch ends (broken parameters: " + breakParameters + ")");
        }
    }

    @Test
    void aNanLossIsRolledBackWithALowerLearningRate() {
        Line line = new Line();
        line.nanAt = 30;
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult r = TrainingLoop.run(line, options(5, Optional.empty(), false), events::add);
        assertEquals(1, r.rollbacks());
        TrainingEvent.RolledBack rb = events.stream().filter(e -> e instanceof TrainingEvent.RolledBack)
                .map(e -> (TrainingEvent.RolledBack) e).findFirst().orElseThrow();
        assertEquals(0.025, rb.newLearningRate(), 1e-15);
        assertTrue(rb.reason().contains("NaN"), rb.reason());
        assertTrue(Double.isFinite(line.store.get("w").value().get(0, 0)));
    }

    @Test
    void anUpdateThatBreaksTheParametersAtAnEpochEndIsNeverCheckpointed(@TempDir Path dir) {
        // The last update of epoch 1 leaves NaN in the weights; the loss check would see it only in epoch 2.
        Line line = new Line() {
            @Override
            public double trainStep(int[] batch, long seed) {
                double loss = super.trainStep(batch, seed);
                if (calls == 10) {
                    store.get("w").gradient().set(new double[] {0});
                    store.get("w").value().set(new double[] {Double.NaN});
                }
                return loss;
            }
        };
        Path checkpoint = dir.resolve("c.ckpt");
        List<TrainingEvent> events = new ArrayList<>();
        TrainingResult r = TrainingLoop.run(line, options(30, Optional.of(checkpoint), false), events::add);
        assertTrue(r.rollbacks() >= 1, "rolled back before checkpointing");
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.RolledBack rb
                && rb.reason().contains("NaN or infinity")), events.toString());
        assertEquals(3.0, line.store.get("w").value().get(0, 0), 0.05, "training recovered");
        assertTrue(Double.isFinite(Checkpoint.read(checkpoint).parameters().get("w")[0]));
    }

    @Test
    void aModelThatKeepsDivergingStopsWithAMessageAboutClipping() {
        Line line = new Line() {
            @Override
            public double trainStep(int[] batch, long seed) {
                super.trainStep(batch, seed);
                return Double.POSITIVE_INFINITY;
            }
        };
        LmkitException e = assertThrows(LmkitException.class,
                () -> TrainingLoop.run(line, options(2, Optional.empty(), false), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains("clipNorm"),
                e.getMessage());
    }

    @Test
    void aCorruptCheckpointIsNamed(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("x.ckpt"), "not a checkpoint");
        LmkitException e = assertThrows(LmkitException.class, () -> Checkpoint.read(bad));
        assertEquals("cannot read checkpoint " + bad + ": Not in GZIP format; it is corrupt. Delete it to start afresh",
                e.getMessage());
        assertEquals("not a checkpoint", Files.readString(bad), "the file is left as it was");
    }
}
