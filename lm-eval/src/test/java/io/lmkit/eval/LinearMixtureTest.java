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

    @Test
    void modelsWithDifferentVocabulariesCannotBeMixed() {
        LanguageModel other = new UniformModel(Vocabulary.fromCounts(Map.of("x", 1L), 1, 10));
        assertThrows(LmkitException.class, () -> new LinearMixture(UNIGRAM, other, 0.5));
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
