package io.lmkit.neural.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The family-independent part of gradient flow: factors per step from any source's norms. */
class GradientFlowTest {

    private static final Vocabulary VOCABULARY = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a"));
    private static final Corpus TEXT = Corpus.of(VOCABULARY, List.of(List.of("a", "a")));

    /** A source whose gradient halves at every position back: 8, 4, 2, 1. */
    private static final GradientFlowSource HALVING = (text, distance, streams) -> {
        double[] norms = new double[distance + 1];
        for (int k = 0; k <= distance; k++) {
            norms[k] = 8 / Math.pow(2, k);
        }
        return norms;
    };

    @Test
    void theFactorPerStepIsEachNormOverTheOneBefore() {
        GradientFlow flow = GradientFlow.measure(HALVING, TEXT, 3, 1);
        assertArrayEquals(new double[] {8, 4, 2, 1}, flow.normByDistance());
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0.5}, flow.stepFactor());
        assertEquals(0.5, flow.meanStepFactor(3), 1e-15);
        assertEquals(3, flow.distance());
    }

    @Test
    void aZeroNormGivesAZeroFactorNotADivisionByZero() {
        assertArrayEquals(new double[] {0, 0, 0}, GradientFlow.of(new double[] {1, 0, 0}).stepFactor());
    }

    @Test
    void aModelThatCannotBeMeasuredIsNamedWithTheFamiliesThatCan() {
        LmkitException e = assertThrows(LmkitException.class,
                () -> GradientFlow.measure(new UniformModel(VOCABULARY), "katz", TEXT, 3, 1));
        assertEquals("gradient flow cannot be measured on a katz model; the families that measure it are rnn, lstm,"
                + " gru and transformer", e.getMessage());
    }

    @Test
    void aSourceThatMeasuresTheWrongNumberOfDistancesIsABug() {
        GradientFlowSource wrong = (text, distance, streams) -> new double[] {1, 2};
        assertTrue(assertThrows(IllegalStateException.class, () -> GradientFlow.measure(wrong, TEXT, 3, 1))
                .getMessage().contains("4 (k = 0..3) were asked for"));
    }
}
