package io.lmkit.ngram;

import static io.lmkit.ngram.Probe.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.ngram.estimate.AbsoluteDiscounting;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Test;

/**
 * Interpolated absolute discounting on "a b / b a / a b" (|V| = 4 predicted symbols). Unigram
 * counts a, b, {@code </s>} 3 each (N = 9, 3 types); bigram counts {@code <s>} a 2, {@code <s>} b 1,
 * a b 2, a {@code </s>} 1, b {@code </s>} 2, b a 1, so every context has c(h·) = 3, N1+(h·) = 2.
 */
class AbsoluteDiscountingTest {

    private static final int UNK = 0;
    private static final int EOS = 2;
    private static final int A = 3;
    private static final int B = 4;

    private final Corpus abba = TinyCorpus.abba();
    private final NgramCounts counts = NgramCounts.count(abba, 2);

    @Test
    void discountsAreEstimatedPerOrderFromCountsOfCounts() {
        // Unigrams: n1 = 0, so D cannot be estimated and falls back to 0.5.
        // Bigrams: n1 = 3, n2 = 3, D = 3/(3 + 2·3) = 1/3.
        double[] d = AbsoluteDiscounting.discounts(counts, 0);
        assertEquals(AbsoluteDiscounting.FALLBACK_DISCOUNT, d[1]);
        assertEquals(1.0 / 3, d[2], 1e-15);
        assertArrayEquals(new double[] {0, 0.7, 0.7}, AbsoluteDiscounting.discounts(counts, 0.7));
    }

    @Test
    void estimatedDiscountsMatchTheHandComputation() {
        NgramModel m = AbsoluteDiscounting.estimate(counts, 0);
        // Unigrams, D1 = 0.5: p(w) = (c − 0.5)/9 + 0.5·3/9·1/4 = (c − 0.5)/9 + 1/24.
        // p(a) = 2.5/9 + 1/24 = 23/72; p(<unk>) = 1/24.
        // Context <s>, D2 = 1/3: γ = (1/3)·2/3 = 2/9.
        // p(a|<s>) = (2 − 1/3)/3 + 2/9·23/72 = 203/324; p(b|<s>) = (1 − 1/3)/3 + 2/9·23/72 = 95/324.
        assertEquals(203.0 / 324, p(m, A), 1e-7);
        assertEquals(95.0 / 324, p(m, B), 1e-7);
        // Unseen: p(</s>|<s>) = 2/9·23/72 = 23/324; p(<unk>|<s>) = 2/9·1/24 = 1/108.
        assertEquals(23.0 / 324, p(m, EOS), 1e-7);
        assertEquals(1.0 / 108, p(m, UNK), 1e-7);
    }

    @Test
    void aFixedDiscountIsUsedForEveryOrder() {
        NgramModel m = AbsoluteDiscounting.estimate(counts, 0.5);
        // p(a) = 23/72 as above (D1 = 0.5 either way); γ(<s>) = 0.5·2/3 = 1/3.
        // p(a|<s>) = (2 − 0.5)/3 + 1/3·23/72 = 1/2 + 23/216 = 131/216.
        assertEquals(131.0 / 216, p(m, A), 1e-7);
    }

    @Test
    void aDiscountOutsideTheUnitIntervalIsRejected() {
        String msg = assertThrows(IllegalArgumentException.class, () -> AbsoluteDiscounting.estimate(counts, 1.5))
                .getMessage();
        assertTrue(msg.contains("1.5"), msg);
    }
}
