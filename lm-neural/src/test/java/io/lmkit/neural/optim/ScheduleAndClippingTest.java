package io.lmkit.neural.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.ParameterStore;
import org.junit.jupiter.api.Test;

class ScheduleAndClippingTest {

    @Test
    void plateauHalvesOnceValidationStopsImprovingAndKeepsHalving() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.PLATEAU, 0.1, 0.5, 1, 0.003, 0);
        LearningRateSchedule.State st = s.start();
        st = s.afterEpoch(st, 1, 200);      // first epoch: nothing to compare with
        assertEquals(0.1, st.rate(), 0);
        st = s.afterEpoch(st, 2, 180);      // 10% better: keep
        assertEquals(0.1, st.rate(), 0);
        st = s.afterEpoch(st, 3, 179.9);    // under 0.3% better: start halving
        assertEquals(0.05, st.rate(), 1e-15);
        assertTrue(st.halving());
        st = s.afterEpoch(st, 4, 170);      // once started, halve every epoch (Mikolov's rnnlm)
        assertEquals(0.025, st.rate(), 1e-15);
    }

    @Test
    void cosineDecaysPerUpdateOverTheRunAfterALinearWarmUp() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1e-3, 0.5, 1, 0, 10);
        LearningRateSchedule.State st = s.start();
        assertEquals(0.5e-3, s.rate(st, 5, 0), 1e-18, "half-way through warm-up");
        assertEquals(1e-3, s.rate(st, 10, 0), 1e-18, "warm-up done, nothing done of the run");
        assertEquals(1e-3 * (0.1 + 0.9 * 0.5), s.rate(st, 500, 0.5), 1e-18, "half-way: half of the span above the floor");
        assertEquals(1e-4, s.rate(st, 1000, 1), 1e-18, "the end: the floor, a tenth of the rate");
        assertEquals(1e-4, s.rate(st, 1001, 1.2), 1e-18, "progress past the end stays at the floor");
        assertEquals(1e-3, s.afterEpoch(st, 1, 50).rate(), 0, "epochs do not change a per-update schedule");
    }

    @Test
    void stepDecayAndWarmUp() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 1.0, 0.1, 2, 0, 100);
        LearningRateSchedule.State st = s.start();
        assertEquals(0.25, s.rate(st, 25), 1e-15, "a quarter through warm-up");
        assertEquals(1.0, s.rate(st, 100), 0);
        st = s.afterEpoch(st, 1, 10);
        assertEquals(1.0, st.rate(), 0);
        st = s.afterEpoch(st, 2, 9);
        assertEquals(0.1, st.rate(), 1e-15);
        assertFalse(st.halving());
    }

    @Test
    void clippingByGlobalNormRescalesEveryGradientTogetherAndReportsTheNormBefore() {
        ParameterStore store = new ParameterStore(new ReferenceBackend());
        store.zeros("a", 1, 2).gradient().set(new double[] {3, 0});
        store.zeros("b", 1, 1).gradient().set(new double[] {4});
        double before = GradientClipping.byGlobalNorm(store, 1.0);
        assertEquals(5.0, before, 1e-15);
        assertEquals(1.0, store.gradientNorm(), 1e-15);
        assertEquals(0.6, store.get("a").gradient().get(0, 0), 1e-15);
        assertEquals(0.8, store.get("b").gradient().get(0, 0), 1e-15);
        GradientClipping.byValue(store, 0.7);
        assertEquals(0.7, store.get("b").gradient().get(0, 0), 1e-15);
    }
}
