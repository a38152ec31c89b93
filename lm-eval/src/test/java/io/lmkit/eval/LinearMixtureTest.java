package io.lmkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinearMixtureTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 5L, "b", 1L), 1, 10);
    private static final Corpus TEXT = Corpus.of(V, List.of(List.of("a", "a", "b"), List.of("a")));
    private static final LanguageModel UNIFORM = new UniformModel(V);
    private static final LanguageModel UNIGRAM = new UnigramProvider().trainer().train(TrainingData.of(TEXT),
            new UnigramProvider.Config(0.1), 1, TrainingListener.NONE);

    @Test
    void theMixtureProbabilityIsTheWeightedSum() {
        LinearMixture m = new LinearMixture(UNIGRAM, UNIFORM, 0.3);
        int a = V.id("a");
        double expected = 0.3 * Math.exp(UNIGRAM.score(UNIGRAM.begin(), a).lnProb()) + 0.7 * 0.25;
        assertEquals(Math.log(expected), m.score(m.begin(), a).lnProb(), 1e-12);
    }

    /** Held-out text with an unknown word, which the unigram finds unlikely: the best λ lies inside (0, 1). */
    private static final Corpus VALID = Corpus.of(V, List.of(List.of("a", "c", "b"), List.of("a", "a")));

    @Test
    void emFindsTheWeightThatMaximisesTheLikelihood() {
        double lambda = LinearMixture.tune(UNIGRAM, UNIFORM, VALID);
        assertTrue(lambda > 0.05 && lambda < 0.95, "an inner optimum: " + lambda);
        double best = loglik(new LinearMixture(UNIGRAM, UNIFORM, lambda));
        for (double other : new double[] {0, 0.1, 0.5, 0.9, 1, lambda - 0.01, lambda + 0.01}) {
            assertTrue(best >= loglik(new LinearMixture(UNIGRAM, UNIFORM, other)) - 1e-9, "lambda " + other);
        }
    }

    private static double loglik(LanguageModel m) {
        double total = 0;
        for (int s = 0; s < VALID.sentenceCount(); s++) {
            for (double lp : m.scoreSentence(VALID.sentence(s))) {
                total += lp;
            }
        }
        return total;
    }

    private static final LanguageModel UNIGRAM_SMOOTH = new UnigramProvider().trainer().train(TrainingData.of(TEXT),
            new UnigramProvider.Config(2.0), 1, TrainingListener.NONE);

    @Test
    void aMixtureOfThreeIsTheWeightedSumOfThree() {
        LinearMixture m = new LinearMixture(List.of(UNIGRAM, UNIFORM, UNIGRAM_SMOOTH), new double[] {0.5, 0.2, 0.3});
        int b = V.id("b");
        double expected = 0.5 * Math.exp(UNIGRAM.score(UNIGRAM.begin(), b).lnProb()) + 0.2 * 0.25
                + 0.3 * Math.exp(UNIGRAM_SMOOTH.score(UNIGRAM_SMOOTH.begin(), b).lnProb());
        assertEquals(Math.log(expected), m.score(m.begin(), b).lnProb(), 1e-12);
        assertEquals(List.of(UNIGRAM, UNIFORM, UNIGRAM_SMOOTH), m.models());
    }

    @Test
    void emOverManyModelsAgreesWithTheTwoModelEmAndFindsTheOptimumOfThree() {
        double[] two = LinearMixture.tune(List.of(UNIGRAM, UNIFORM), VALID);
        assertEquals(LinearMixture.tune(UNIGRAM, UNIFORM, VALID), two[0], 1e-6);
        assertEquals(1, two[0] + two[1], 1e-12);
        List<LanguageModel> three = List.of(UNIGRAM, UNIFORM, UNIGRAM_SMOOTH);
        double[] w = LinearMixture.tune(three, VALID);
        assertEquals(1, w[0] + w[1] + w[2], 1e-9);
        double best = loglik(new LinearMixture(three, w));
        for (double[] other : new double[][] {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1},
            {0.5, 0.5, 0}, {0.2, 0.4, 0.4}}) {
            assertTrue(best >= loglik(new LinearMixture(three, other)) - 1e-9, java.util.Arrays.toString(other));
        }
    }

    @Test
    void weightsMustFitTheModelsAndSumToOne() {
        List<LanguageModel> two = List.of(UNIGRAM, UNIFORM);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearMixture(two, new double[] {0.5, 0.6}))
                .getMessage().contains("must sum to 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearMixture(two, new double[] {1}))
                .getMessage().contains("needs 2 weights, got 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearMixture(List.of(UNIGRAM),
                new double[] {1})).getMessage().contains("at least two models"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearMixture(two,
                new double[] {1.5, -0.5})).getMessage().contains("in [0, 1]"));
    }

    @Test
    void modelsWithDifferentVocabulariesCannotBeMixed() {
        LanguageModel other = new UniformModel(Vocabulary.fromCounts(Map.of("x", 1L), 1, 10));
        assertThrows(LmkitException.class, () -> new LinearMixture(UNIGRAM, other, 0.5));
    }

    @Nested
    class ContractOfThree extends LanguageModelContract {
        @Override
        protected LanguageModel model() {
            return new LinearMixture(List.of(UNIGRAM, UNIFORM, UNIGRAM_SMOOTH), new double[] {0.1, 0.3, 0.6});
        }

        @Override
        protected List<int[]> probeSentences() {
            return List.of(TEXT.sentence(0));
        }
    }

    @Nested
    class Contract extends LanguageModelContract {
        @Override
        protected LanguageModel model() {
            return new LinearMixture(UNIGRAM, UNIFORM, 0.6);
        }

        @Override
        protected List<int[]> probeSentences() {
            return List.of(TEXT.sentence(0));
        }
    }
}
