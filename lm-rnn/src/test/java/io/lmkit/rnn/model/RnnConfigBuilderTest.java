package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/** The builder's shared training settings (from lm-neural's TrainingSettingsBuilder) and its own, both ways. */
class RnnConfigBuilderTest {

    @Test
    void aConfigWithEverySettingChangedComesBackFromItsBuilderUnchanged() {
        RnnConfig changed = RnnConfig.builder().hidden(17).embedding(9).layers(2).tied(false).dropout(0.25)
                .bptt(12).batchSize(4).threads(1).sentenceReset(false)
                .epochs(3).optimizer(OptimizerConfig.Kind.SGD).learningRate(0.5).schedule(LearningRateSchedule.Kind.STEP)
                .clipNorm(1.5).patience(4).maxMinutes(2.5).validateEvery(7).backend("reference")
                .checkpoint("c.ckpt").checkpointMinutes(1.0).resume(true).maxTokens(1234).build();
        assertNotEquals(RnnConfig.defaults(), changed);
        assertEquals(changed, changed.toBuilder().build());
        assertEquals(0.5, changed.learningRate());
        assertEquals(1234, changed.maxTokens());
        assertEquals("c.ckpt", changed.checkpoint());
    }

    @Test
    void theRecurrentModelsKeepTheirOwnLearningRateDefault() {
        assertEquals(2e-3, RnnConfig.defaults().learningRate());
    }
}
