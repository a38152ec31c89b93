package io.lmkit.ngram;

import static io.lmkit.ngram.Probe.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.StupidBackoff;
import org.junit.jupiter.api.Test;

/**
 * Stupid backoff with α = 0.4 on "a b / b a / a b": c(a) = c(b) = c({@code </s>}) = 3 of N = 9;
 * after {@code <s>}: a ×2, b ×1; after a: b ×2, {@code </s>} ×1; after b: {@code </s>} ×2, a ×1;
 * after "{@code <s>} a": b ×2.
 */
class StupidBackoffTest {

    private static final int UNK = 0;
    private static final int EOS = 2;
    private static final int A = 3;
    private static final int B = 4;

    private final Corpus abba = TinyCorpus.abba();

    @Test
    void scoresAreRelativeFrequenciesTimesAlphaPerBackoff() {
        NgramModel m = StupidBackoff.estimate(NgramCounts.count(abba, 3), 0.4);
        assertEquals(ScoreKind.SCORE, m.scoreKind());
        // Seen: S(a|<s>) = 2/3, S(b|<s> a) = 2/2 = 1.
        assertEquals(2.0 / 3, p(m, A), 1e-7);
        assertEquals(1.0, p(m, A, B), 1e-7);
        // "<s> a </s>" unseen: S = 0.4·S(</s>|a) = 0.4·1/3 = 2/15.
        assertEquals(2.0 / 15, p(m, A, EOS), 1e-7);
        // "<s> a a" and "a a" unseen: S = 0.4·0.4·S(a) = 0.16·3/9 = 4/75.
        assertEquals(4.0 / 75, p(m, A, A), 1e-7);
        // Context "b b" never seen: it costs α like any other level. S(a|b b) = 0.4·S(a|b) = 0.4·1/3.
        assertEquals(2.0 / 15, p(m, B, B, A), 1e-7);
        // <unk> never seen at all: score 0.
        assertEquals(0.0, p(m, UNK));
    }

    @Test
    void scoresAreNotNormalised() {
        NgramModel m = StupidBackoff.estimate(NgramCounts.count(abba, 2), 0.4);
        // After <s>: 2/3 + 1/3 + 0.4·3/9 (</s>) + 0 (<unk>) = 17/15.
        double[] lnScores = new double[abba.vocabulary().size()];
        m.nextLnProbs(m.begin(), lnScores);
        double sum = 0;
        for (double s : lnScores) {
            sum += Math.exp(s);
        }
        assertEquals(17.0 / 15, sum, 1e-7);
    }

    @Test
    void thePerplexityEvaluatorRefusesIt() {
        NgramModel m = StupidBackoff.estimate(NgramCounts.count(abba, 2), 0.4);
        String msg = assertThrows(LmkitException.class, () -> new PerplexityEvaluator().evaluate(m, abba))
                .getMessage();
        assertTrue(msg.contains("scores, not probabilities"), msg);
        assertTrue(msg.contains("no perplexity"), msg);
    }

    @Test
    void alphaMustLieInTheUnitInterval() {
        NgramCounts counts = NgramCounts.count(abba, 2);
        String msg = assertThrows(IllegalArgumentException.class, () -> StupidBackoff.estimate(counts, 0))
                .getMessage();
        assertTrue(msg.contains("alpha") && msg.contains("0.0"), msg);
    }
}
