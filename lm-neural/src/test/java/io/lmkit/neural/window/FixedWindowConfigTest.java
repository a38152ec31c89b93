package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed-window settings: named defaults, a builder, and optimizer and schedule as named choices. */
class FixedWindowConfigTest {

    @Test
    void optimizerAndScheduleAreSetByTheirLowerCaseNames() {
        FixedWindowConfig c = ConfigBinder.bind(FixedWindowConfig.class, FixedWindowConfig.defaults(),
                Map.of("optimizer", "sgd", "schedule", "step"), "model 'fixed-window'");
        assertEquals(OptimizerConfig.Kind.SGD, c.optimizer());
        assertEquals(LearningRateSchedule.Kind.STEP, c.schedule());
        assertEquals("sgd", ConfigBinder.toSettings(c).get("optimizer"));
        assertEquals("step", ConfigBinder.toSettings(c).get("schedule"));
    }

    @Test
    void anUnknownOptimizerListsTheValidNames() {
        String m = assertThrows(LmkitException.class, () -> ConfigBinder.bind(FixedWindowConfig.class,
                FixedWindowConfig.defaults(), Map.of("optimizer", "adamx"), "model 'fixed-window'")).getMessage();
        assertEquals("setting 'optimizer' of model 'fixed-window' must be one of [sgd, adagrad, rmsprop, adam, adamw],"
                + " got 'adamx'", m);
    }

    @Test
    void theBuilderChangesOnlyWhatItNames() {
        FixedWindowConfig defaults = FixedWindowConfig.defaults();
        FixedWindowConfig c = defaults.toBuilder().order(3).maxTokens(1000).build();
        assertEquals(3, c.order());
        assertEquals(1000, c.maxTokens());
        assertEquals(defaults.hidden(), c.hidden());
        assertEquals(defaults, c.toBuilder().order(5).maxTokens(0).build());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        FixedWindowConfig d = FixedWindowConfig.defaults();
        assertEquals(5, d.order());
        assertEquals(OptimizerConfig.Kind.ADAM, d.optimizer());
        assertEquals(1e-3, d.learningRate());
        assertEquals(LearningRateSchedule.Kind.PLATEAU, d.schedule());
        assertEquals(d, new FixedWindowProvider().defaultConfig());
    }
}
