package io.lmkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerplexityEvaluatorTest {

    private static final List<List<String>> SAM = List.of(
            List.of("I", "am", "Sam"),
            List.of("Sam", "I", "am"),
            List.of("I", "do", "not", "like", "green", "eggs", "and", "ham"));
    private static final Vocabulary VOCABULARY = Vocabulary.fromCounts(Map.of("I", 3L, "am", 2L, "Sam", 2L), 1, 10);
    private static final Corpus CORPUS = Corpus.of(VOCABULARY, SAM);

    private final PerplexityEvaluator evaluator = new PerplexityEvaluator();

    @Test
    void addOneUnigramPerplexityMatchesTheHandComputation() {
        LanguageModel unigram = new UnigramProvider().trainer().train(TrainingData.of(CORPUS),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE);
        PerplexityResult r = evaluator.evaluate(unigram, CORPUS);
        // 17 tokens: I ×3 and </s> ×3 at 4/22, am ×2 and Sam ×2 at 3/22, <unk> ×7 at 8/22.
        double lnTotal = 6 * Math.log(4.0 / 22) + 4 * Math.log(3.0 / 22) + 7 * Math.log(8.0 / 22);
        assertEquals(17, r.tokens());
        assertEquals(14, r.words());
        assertEquals(3, r.sentences());
        assertEquals(Math.exp(-lnTotal / 17), r.perplexity(), 1e-12);
        assertEquals(-lnTotal / 17 / Math.log(2), r.bitsPerToken(), 1e-12);
        assertEquals(lnTotal, r.totalLnProb(), 1e-12);
        assertArrayEquals(new double[] {
            2 * Math.log(4.0 / 22) + Math.log(3.0 / 22) + Math.log(3.0 / 22),
            Math.log(3.0 / 22) + Math.log(4.0 / 22) + Math.log(3.0 / 22) + Math.log(4.0 / 22),
            2 * Math.log(4.0 / 22) + 7 * Math.log(8.0 / 22)}, r.sentenceLnProbs(), 1e-12);
    }

    @Test
    void unkTokensAreCountedAndLeftOutOfTheSecondPerplexityAsSrilmDoes() {
        LanguageModel unigram = new UnigramProvider().trainer().train(TrainingData.of(CORPUS),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE);
        // "<unk>" written in the text counts as well as the 7 words outside the vocabulary.
        Corpus withUnk = Corpus.of(VOCABULARY, List.of(List.of("I", "am", "Sam"), List.of("Sam", "I", "am"),
                List.of("I", "do", "not", "like", "green", "eggs", "and", "ham"), List.of("<unk>", "Sam")));
        PerplexityResult r = evaluator.evaluate(unigram, withUnk);
        assertEquals(20, r.tokens());
        assertEquals(8, r.unkTokens());
        assertEquals(7, r.unknownWords(), "words outside the vocabulary; the written <unk> is not one");
        // The 12 others: I ×3 and </s> ×4 at 4/22, am ×2 and Sam ×3 at 3/22.
        double others = 7 * Math.log(4.0 / 22) + 5 * Math.log(3.0 / 22);
        assertEquals(Math.exp(-others / 12), r.perplexityExcludingUnk(), 1e-12);
        assertEquals(Math.exp(-(others + 8 * Math.log(8.0 / 22)) / 20), r.perplexity(), 1e-12);
    }

    @Test
    void uniformPerplexityIsTheNumberOfPredictedSymbols() {
        PerplexityResult r = evaluator.evaluate(new UniformModel(VOCABULARY), CORPUS);
        assertEquals(5.0, r.perplexity(), 1e-12, "<unk>, </s>, I, am, Sam");
    }

    @Test
    void uniformPerplexityOnTheBrownTestSplitIsExactlyTheNumberOfPredictedSymbols() {
        Path brown = SharedData.require("brown");
        BrownSplits splits = BrownSplits.prepare(brown);
        PerplexityResult r = evaluator.evaluate(new UniformModel(splits.vocabulary()),
                splits.corpus(BrownSplits.Split.TEST));
        assertEquals(171_297, r.tokens(), "161,170 words + 10,127 </s>");
        assertEquals(14_115, splits.vocabulary().predictedCount());
        assertEquals(14_115.0, r.perplexity(), 14_115 * 1e-12);
    }

    @Test
    void aScoreThatIsNotAProbabilityHasNoPerplexity() {
        LanguageModel scores = new FixedModel(VOCABULARY, -0.1) {
            @Override
            public ScoreKind scoreKind() {
                return ScoreKind.SCORE;
            }
        };
        String m = assertThrows(LmkitException.class, () -> evaluator.evaluate(scores, CORPUS)).getMessage();
        assertTrue(m.contains("scores, not probabilities") && m.contains("no perplexity"), m);
    }

    @Test
    void zeroProbabilityTokensMakePerplexityInfiniteAndAreCounted() {
        PerplexityResult r = evaluator.evaluate(new FixedModel(VOCABULARY, Double.NEGATIVE_INFINITY) {
            @Override
            public Score score(ModelState state, int word) {
                return new Score(word == VOCABULARY.unk() ? Double.NEGATIVE_INFINITY : Math.log(0.25), state);
            }
        }, CORPUS);
        assertEquals(Double.POSITIVE_INFINITY, r.perplexity());
        assertEquals(7, r.zeroProbabilityTokens());
        assertEquals(Double.NEGATIVE_INFINITY, r.sentenceLnProbs()[2]);
        assertEquals(4 * Math.log(0.25), r.sentenceLnProbs()[0], 1e-12);
    }

    @Test
    void aNaNFromTheModelIsAnErrorNotAQuietZero() {
        String m = assertThrows(LmkitException.class,
                () -> evaluator.evaluate(new FixedModel(VOCABULARY, Double.NaN), CORPUS)).getMessage();
        assertTrue(m.contains("ln p = NaN") && m.contains("sentence 1"), m);
    }

    @Test
    void aCorpusWithAnotherVocabularyIsRefused() {
        Corpus other = Corpus.of(Vocabulary.fromCounts(Map.of("x", 1L), 1, 10), List.of(List.of("x")));
        assertThrows(LmkitException.class, () -> evaluator.evaluate(new UniformModel(VOCABULARY), other));
    }

    @Test
    void anEmptyCorpusIsRefused() {
        Corpus empty = Corpus.read(Path.of("/dev/null"),
                new PlainTextSentences(new WhitespaceTokenizerProvider().create()), VOCABULARY);
        assertThrows(LmkitException.class, () -> evaluator.evaluate(new UniformModel(VOCABULARY), empty));
    }

    /** A model that gives every word the same ln p, normalised or not. */
    private static class FixedModel implements LanguageModel {
        private final Vocabulary vocabulary;
        private final double lnProb;

        FixedModel(Vocabulary vocabulary, double lnProb) {
            this.vocabulary = vocabulary;
            this.lnProb = lnProb;
        }

        @Override
        public Vocabulary vocabulary() {
            return vocabulary;
        }

        @Override
        public ModelState begin() {
            return new ModelState() { };
        }

        @Override
        public Score score(ModelState state, int word) {
            return new Score(lnProb, state);
        }

        @Override
        public void nextLnProbs(ModelState state, double[] lnProbs) {
            java.util.Arrays.fill(lnProbs, lnProb);
        }

        @Override
        public void writeData(ModelDataSink sink) {
        }
    }
}
