package io.lmkit.neural.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The work budget ({@code maxTokens}): training stops after the update at which the tokens seen
 * reach it, whatever the machine's speed, and validation is spread over the budget so that the
 * learning curve has {@link TrainingOptions#CURVE_POINTS} points. {@link TrainingLoopTest.Line} has
 * 10 batches of 4 tokens an epoch.
 */
class TokenBudgetTest {

    private static TrainingOptions budget(long maxTokens, long validateEvery) {
        return new TrainingOptions(30, OptimizerConfig.of(OptimizerConfig.Kind.ADAM),
                new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.05, 0.5, 1, 0, 0), 0, 0, 0, 10, 0,
                maxTokens, validateEvery, Optional.empty(), 0, false, 11);
    }

    @Test
    void trainingStopsAfterTheUpdateAtWhichTheTokensReachTheBudget() {
        TrainingResult r = TrainingLoop.run(new TrainingLoopTest.Line(), budget(50, 0), TrainingListener.NONE);
        assertEquals(13, r.steps());
        assertEquals(52, r.tokens());
        assertEquals(1, r.epochs());
        assertEquals("the work budget of 50 training tokens was used", r.stoppedBecause());
    }

    @Test
    void aBudgetShorterThanAnEpochStillGivesEightEvenlySpacedPoints() {
        TrainingResult r = TrainingLoop.run(new TrainingLoopTest.Line(), budget(32, 0), TrainingListener.NONE);
        assertEquals(4, budget(32, 0).validateEveryTokens());
        // One point after each multiple of 4 tokens; the last is also the budget's end, measured once.
        assertArrayEquals(new long[] {4, 8, 12, 16, 20, 24, 28, 32},
                r.curve().stream().mapToLong(TrainingResult.CurvePoint::tokens).toArray());
    }

    @Test
    void aBudgetOverSeveralEpochsValidatesOnTheBudgetsGridAndAtEveryEpochEndOnce() {
        TrainingResult r = TrainingLoop.run(new TrainingLoopTest.Line(), budget(100, 0), TrainingListener.NONE);
        // Past every multiple of 13 tokens (100 / 8 rounded up), i.e. after 16, 28, 40, 52, 68, 80 and 92 tokens,
        // and at the budget's end; the epoch ends at 40 and 80 fall on points already measured.
        assertArrayEquals(new long[] {16, 28, 40, 52, 68, 80, 92, 100},
                r.curve().stream().mapToLong(TrainingResult.CurvePoint::tokens).toArray());
        assertEquals(25, r.steps());
    }

    @Test
    void anExplicitValidateEveryWinsOverTheBudgetsGrid() {
        assertEquals(0, budget(100, 5).validateEveryTokens());
        TrainingResult r = TrainingLoop.run(new TrainingLoopTest.Line(), budget(100, 5), TrainingListener.NONE);
        assertArrayEquals(new long[] {20, 40, 60, 80, 100},
                r.curve().stream().mapToLong(TrainingResult.CurvePoint::tokens).toArray());
    }

    @Test
    void theSameBudgetGivesTheSameModelAndCurve() {
        TrainingLoopTest.Line a = new TrainingLoopTest.Line();
        TrainingLoopTest.Line b = new TrainingLoopTest.Line();
        TrainingResult ra = TrainingLoop.run(a, budget(70, 0), TrainingListener.NONE);
        TrainingResult rb = TrainingLoop.run(b, budget(70, 0), TrainingListener.NONE);
        assertEquals(a.store.get("w").value().get(0, 0), b.store.get("w").value().get(0, 0), 0.0);
        assertEquals(ra.curve().stream().map(TrainingResult.CurvePoint::validPerplexity).toList(),
                rb.curve().stream().map(TrainingResult.CurvePoint::validPerplexity).toList());
        assertTrue(ra.curve().size() >= TrainingOptions.CURVE_POINTS);
    }

    @Test
    void aNegativeBudgetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> budget(-1, 0));
        assertTrue(e.getMessage().contains("maxTokens"), e.getMessage());
    }
}
