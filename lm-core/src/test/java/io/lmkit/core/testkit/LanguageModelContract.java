package io.lmkit.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.ScoreKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LanguageModel} must keep, as a test suite to extend: lm-core's own
 * reference models, every model module and users' plugins run this same suite (lm-core publishes
 * it in its test-jar).
 *
 * <p>States are probed along the given sentences: the state after {@code <s>} and after every
 * prefix of every sentence.
 */
public abstract class LanguageModelContract {

    /** Normalisation tolerance: the next-word distribution sums to 1 within this. */
    public static final double SUM_TOLERANCE = 1e-9;

    /** The model under test. */
    protected abstract LanguageModel model();

    /** Sentences (word ids, without boundaries) whose prefixes give the states to probe. */
    protected abstract List<int[]> probeSentences();

    /** Every probed state: begin() and the state after each prefix of each probe sentence. */
    protected final List<ModelState> probedStates() {
        LanguageModel m = model();
        List<ModelState> states = new ArrayList<>();
        for (int[] sentence : probeSentences()) {
            ModelState state = m.begin();
            states.add(state);
            for (int w : sentence) {
                state = m.score(state, w).next();
                states.add(state);
            }
        }
        return states;
    }

    @Test
    public void theNextWordDistributionAfterEveryStateSumsToOne() {
        LanguageModel m = model();
        assumeTrue(m.scoreKind() == ScoreKind.PROBABILITY, "the model gives scores, not probabilities");
        double[] lnProbs = new double[m.vocabulary().size()];
        for (ModelState state : probedStates()) {
            m.nextLnProbs(state, lnProbs);
            double sum = 0;
            double compensation = 0;
            for (double lp : lnProbs) {
                double y = Math.exp(lp) - compensation;
                double t = sum + y;
                compensation = (t - sum) - y;
                sum = t;
            }
            assertEquals(1.0, sum, SUM_TOLERANCE, "sum of P(w | " + state + ")");
        }
    }

    @Test
    public void sentenceStartIsNeverPredicted() {
        LanguageModel m = model();
        double[] lnProbs = new double[m.vocabulary().size()];
        for (ModelState state : probedStates()) {
            m.nextLnProbs(state, lnProbs);
            assertEquals(Double.NEGATIVE_INFINITY, lnProbs[m.vocabulary().bos()], "ln P(<s> | " + state + ")");
        }
        assertThrows(IllegalArgumentException.class, () -> m.score(m.begin(), m.vocabulary().bos()));
    }

    @Test
    public void scoreAgreesWithTheFullDistribution() {
        LanguageModel m = model();
        double[] lnProbs = new double[m.vocabulary().size()];
        for (int[] sentence : probeSentences()) {
            ModelState state = m.begin();
            for (int i = 0; i <= sentence.length; i++) {
                int w = i < sentence.length ? sentence[i] : m.vocabulary().eos();
                m.nextLnProbs(state, lnProbs);
                Score s = m.score(state, w);
                assertFalse(Double.isNaN(s.lnProb()), "ln P is NaN");
                assertTrue(s.lnProb() <= 1e-12, "ln P must be <= 0, got " + s.lnProb());
                assertEquals(lnProbs[w], s.lnProb(), 1e-9 * Math.max(1, Math.abs(s.lnProb())),
                        "score and nextLnProbs disagree on word " + w);
                state = s.next();
            }
        }
    }

    @Test
    public void scoringASentenceEqualsScoringItWordByWord() {
        LanguageModel m = model();
        for (int[] sentence : probeSentences()) {
            double[] batched = m.scoreSentence(sentence);
            assertEquals(sentence.length + 1, batched.length, "one entry per word and one for </s>");
            ModelState state = m.begin();
            for (int i = 0; i <= sentence.length; i++) {
                int w = i < sentence.length ? sentence[i] : m.vocabulary().eos();
                Score s = m.score(state, w);
                assertEquals(s.lnProb(), batched[i], 1e-6 * Math.max(1, Math.abs(s.lnProb())), "token " + i);
                state = s.next();
            }
        }
    }

    /**
     * The stream protocol: {@code scoreStream} gives the numbers of a walk of the state API through
     * every sentence, each next one starting in {@code nextSentence} of the state after the last word;
     * a model that does not carry context scores the stream exactly as its sentences.
     */
    @Test
    public void scoringAStreamEqualsWalkingTheStateApiAcrossSentences() {
        LanguageModel m = model();
        List<int[]> sentences = probeSentences();
        List<double[]> stream = m.scoreStream(sentences);
        assertEquals(sentences.size(), stream.size());
        ModelState state = m.begin();
        for (int k = 0; k < sentences.size(); k++) {
            int[] sentence = sentences.get(k);
            for (int i = 0; i <= sentence.length; i++) {
                ModelState before = state;
                int w = i < sentence.length ? sentence[i] : m.vocabulary().eos();
                Score s = m.score(state, w);
                assertEquals(s.lnProb(), stream.get(k)[i], 1e-6 * Math.max(1, Math.abs(s.lnProb())),
                        "sentence " + k + ", token " + i);
                state = i < sentence.length ? s.next() : m.nextSentence(before);
            }
        }
        if (!m.carriesContext()) {
            List<double[]> alone = m.scoreSentences(sentences);
            for (int k = 0; k < sentences.size(); k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone.get(k), stream.get(k), 0.0,
                        "a model that restarts at every sentence scores its stream as its sentences");
            }
        }
    }

    @Test
    public void equalHistoriesGiveEqualStates() {
        LanguageModel m = model();
        for (int[] sentence : probeSentences()) {
            ModelState a = m.begin();
            ModelState b = m.begin();
            for (int w : sentence) {
                a = m.score(a, w).next();
                b = m.score(b, w).next();
                assertEquals(a, b, "two runs over the same words must reach equal states");
            }
        }
    }
}
