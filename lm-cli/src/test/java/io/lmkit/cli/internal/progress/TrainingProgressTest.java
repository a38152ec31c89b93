package io.lmkit.cli.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.train.TrainingEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Progress when output is not a terminal: log lines at most every interval, with done/total,
 * percent, the training figures and the ETA. A fake clock makes the lines exact.
 */
class TrainingProgressTest {

    /** A clock the test moves by hand, in seconds. */
    private static final class FakeClock {
        long nanos;

        void advanceSeconds(long s) {
            nanos += Duration.ofSeconds(s).toNanos();
        }
    }

    private final FakeClock clock = new FakeClock();
    private final StringWriter log = new StringWriter();
    private final LogLineProgress display = new LogLineProgress(new PrintWriter(log), () -> clock.nanos,
            Duration.ofSeconds(10));

    @Test
    void anEpochPrintsAtMostOneLinePerIntervalWithLossSpeedAndEta() {
        TrainingProgress progress = new TrainingProgress(display, "lstm");
        progress.onEvent(new TrainingEvent.PhaseStarted("epoch 1", 100, "batches"));
        clock.advanceSeconds(4);
        progress.onEvent(new TrainingEvent.Step(10, 1, 2_000, 500, 5.25, 1.0, 0.002));
        clock.advanceSeconds(6); // 10 s since the start: the first progress line is due
        progress.onEvent(new TrainingEvent.Step(20, 1, 4_000, 400, 5.0, 1.0, 0.002));
        clock.advanceSeconds(5); // only 5 s since the last line: nothing
        progress.onEvent(new TrainingEvent.Step(30, 1, 6_000, 400, 4.5, 1.0, 0.002));
        clock.advanceSeconds(5);
        progress.onEvent(new TrainingEvent.Step(40, 1, 8_000, 410, 4.25, 1.0, 0.002));
        progress.onEvent(new TrainingEvent.Validated(8_000, Duration.ofSeconds(20), 123.456));
        progress.onEvent(new TrainingEvent.PhaseFinished("epoch 1", Duration.ofSeconds(20)));
        assertEquals("""
                lstm epoch 1: started, 100 batches
                lstm epoch 1: 20/100 batches (20%), loss 5.0000, 400 tokens/s, ETA 0:40
                lstm epoch 1: 40/100 batches (40%), loss 4.2500, 410 tokens/s, ETA 0:30
                lstm epoch 1: validation perplexity 123.46 after 8,000 training tokens
                lstm epoch 1: done, 100 batches in 0:20, loss 4.2500, 410 tokens/s, valid ppl 123.46
                """, log.toString().replace("\r\n", "\n"));
    }

    @Test
    void theSecondEpochCountsItsOwnUpdatesAndAFailedRunShowsItsPhaseStoppedNotDone() {
        TrainingProgress progress = new TrainingProgress(display, "fixed-window");
        progress.onEvent(new TrainingEvent.PhaseStarted("epoch 1", 3, "batches"));
        progress.onEvent(new TrainingEvent.Step(3, 1, 300, 100, 2.0, 1.0, 0.1));
        progress.onEvent(new TrainingEvent.PhaseFinished("epoch 1", Duration.ofSeconds(3)));
        progress.onEvent(new TrainingEvent.PhaseStarted("epoch 2", 3, "batches"));
        clock.advanceSeconds(30);
        progress.onEvent(new TrainingEvent.Step(5, 2, 500, 100, 1.5, 1.0, 0.1));
        progress.onEvent(new TrainingEvent.RolledBack(6, "loss is NaN", 0.05));
        progress.close(); // e.g. an error in the middle of the epoch
        assertEquals("""
                fixed-window epoch 1: started, 3 batches
                fixed-window epoch 1: done, 3 batches in 0:00, loss 2.0000, 100 tokens/s
                fixed-window epoch 2: started, 3 batches
                fixed-window epoch 2: 2/3 batches (67%), loss 1.5000, 100 tokens/s, ETA 0:15
                fixed-window epoch 2: rolled back at update 6 (loss is NaN); learning rate now 0.0500
                fixed-window epoch 2: stopped after 2 of 3 batches in 0:30, loss 1.5000, 100 tokens/s
                """, log.toString().replace("\r\n", "\n"));
    }

    @Test
    void anEpochCutShortByTheBudgetSaysHowManyBatchesRanAndThatTheBudgetStoppedIt() {
        TrainingProgress progress = new TrainingProgress(display, "lstm");
        progress.onEvent(new TrainingEvent.PhaseStarted("epoch 1", 6_528, "batches"));
        clock.advanceSeconds(144);
        progress.onEvent(new TrainingEvent.Step(2_999, 1, 599_800, 4_165, 5.125, 1.0, 0.002));
        // The trainer validates where its budget runs out, then returns without finishing the epoch.
        progress.onEvent(new TrainingEvent.Validated(599_800, Duration.ofSeconds(144), 170.4));
        progress.close();
        assertEquals("""
                lstm epoch 1: started, 6,528 batches
                lstm epoch 1: 2,999/6,528 batches (46%), loss 5.1250, 4,165 tokens/s, ETA 2:49
                lstm epoch 1: validation perplexity 170.40 after 599,800 training tokens
                lstm epoch 1: stopped by the budget after 2,999 of 6,528 batches in 2:24, loss 5.1250,\
                 4,165 tokens/s, valid ppl 170.40
                """, log.toString().replace("\r\n", "\n"));
    }

    @Test
    void aRunResumedMidEpochCountsTheBatchesOfItsOwnEpoch() {
        TrainingProgress progress = new TrainingProgress(display, "lstm");
        // Resumed from a checkpoint after update 17, 7 batches into epoch 2.
        progress.onEvent(new TrainingEvent.PhaseStarted("epoch 2", 10, "batches"));
        progress.onEvent(new TrainingEvent.Progress("epoch 2", 7, Double.NaN));
        clock.advanceSeconds(20);
        progress.onEvent(new TrainingEvent.Step(18, 2, 1_800, 100, 1.5, 1.0, 0.1, 8));
        progress.onEvent(new TrainingEvent.PhaseFinished("epoch 2", Duration.ofSeconds(30)));
        assertEquals("""
                lstm epoch 2: started, 10 batches
                lstm epoch 2: 8/10 batches (80%), loss 1.5000, 100 tokens/s, ETA 0:05
                lstm epoch 2: done, 10 batches in 0:20, loss 1.5000, 100 tokens/s
                """, log.toString().replace("\r\n", "\n"));
    }

    @Test
    void countingWithoutProgressEventsPrintsItsStartAndEnd() {
        TrainingProgress progress = new TrainingProgress(display, "kneser-ney");
        progress.onEvent(new TrainingEvent.PhaseStarted("counting", 1_234, "tokens"));
        clock.advanceSeconds(2);
        progress.onEvent(new TrainingEvent.PhaseFinished("counting", Duration.ofSeconds(2)));
        progress.onEvent(new TrainingEvent.PhaseStarted("estimating kneser-ney", 0, "n-grams"));
        progress.onEvent(new TrainingEvent.PhaseFinished("estimating kneser-ney", Duration.ZERO));
        assertEquals("""
                kneser-ney counting: started, 1,234 tokens
                kneser-ney counting: done, 1,234 tokens in 0:02
                estimating kneser-ney: started
                estimating kneser-ney: done in 0:00
                """, log.toString().replace("\r\n", "\n"));
    }

    @Test
    void quietShowsNothing() {
        ProgressDisplay quiet = ProgressDisplay.choose(true, false, new PrintWriter(log));
        try (TrainingProgress progress = new TrainingProgress(quiet, "lstm")) {
            progress.onEvent(new TrainingEvent.PhaseStarted("epoch 1", 3, "batches"));
        }
        assertEquals("", log.toString());
    }

    @Test
    void clockFormatsHoursOnlyWhenNeeded() {
        assertEquals("0:07", LogLineProgress.clock(Duration.ofSeconds(7)));
        assertEquals("12:05", LogLineProgress.clock(Duration.ofSeconds(725)));
        assertEquals("2:00:01", LogLineProgress.clock(Duration.ofSeconds(7201)));
    }
}
