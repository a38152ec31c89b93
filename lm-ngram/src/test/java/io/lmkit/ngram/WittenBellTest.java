package io.lmkit.ngram;

import static io.lmkit.ngram.Probe.p;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.WittenBell;
import org.junit.jupiter.api.Test;

/**
 * Interpolated Witten-Bell on "a b / b a / a b" (vocabulary {@code <unk> <s> </s> a b}, |V| = 4
 * predicted symbols). Counts: a, b, {@code </s>} 3 each, N = 9, T = 3 word types seen. Bigrams:
 * {@code <s>} a ×2, {@code <s>} b, a b ×2, a {@code </s>}, b {@code </s>} ×2, b a; every context
 * has c(h·) = 3 and T(h) = 2.
 */
class WittenBellTest {

    private static final int UNK = 0;
    private static final int EOS = 2;
    private static final int A = 3;
    private static final int B = 4;

    private final Corpus abba = TinyCorpus.abba();
    private final Vocabulary v = abba.vocabulary();

    @Test
    void unigramsInterpolateWithTheUniformDistribution() {
        NgramModel m = WittenBell.estimate(NgramCounts.count(abba, 1));
        // p(w) = (c(w) + T/|V|)/(N + T) = (c(w) + 3/4)/12.
        assertEquals(3.75 / 12, p(m, A), 1e-7);
        assertEquals(3.75 / 12, p(m, EOS), 1e-7);
        assertEquals(0.75 / 12, p(m, UNK), 1e-7);
    }

    @Test
    void bigramsGiveTheirContextsTypeCountToTheLowerOrder() {
        NgramModel m = WittenBell.estimate(NgramCounts.count(abba, 2));
        // p(a) = p(b) = p(</s>) = 5/16, p(<unk>) = 1/16.
        // p(a|<s>) = (2 + 2·5/16)/(3 + 2) = 21/40; p(b|<s>) = (1 + 2·5/16)/5 = 13/40.
        assertEquals(21.0 / 40, p(m, A), 1e-7);
        assertEquals(13.0 / 40, p(m, B), 1e-7);
        // Unseen after <s>: γ(<s>) = T/(c + T) = 2/5, so p(</s>|<s>) = 2/5·5/16 = 1/8, p(<unk>|<s>) = 1/40.
        assertEquals(1.0 / 8, p(m, EOS), 1e-7);
        assertEquals(1.0 / 40, p(m, UNK), 1e-7);
        assertEquals(Math.log10(2.0 / 5), m.entry(v.bos()).orElseThrow().log10Backoff(), 1e-7);
        // After b: </s> ×2, a ×1. p(</s>|b) = (2 + 2·5/16)/5 = 21/40.
        assertEquals(21.0 / 40, p(m, B, EOS), 1e-7);
    }

    @Test
    void trigramsInterpolateWithTheBigramEstimate() {
        NgramModel m = WittenBell.estimate(NgramCounts.count(abba, 3));
        // Context "<s> a": b ×2, so c = 2, T = 1. p(b|a) = (2 + 2·5/16)/5 = 21/40.
        // p(b|<s> a) = (2 + 1·21/40)/(2 + 1) = 101/120.
        assertEquals(101.0 / 120, p(m, A, B), 1e-7);
        // Unseen after "<s> a": γ = 1/3. p(</s>|a) = (1 + 2·5/16)/5 = 13/40, so p(</s>|<s> a) = 13/120;
        // "a a" is unseen too: p(a|a) = 2/5·5/16 = 1/8, so p(a|<s> a) = 1/24.
        assertEquals(13.0 / 120, p(m, A, EOS), 1e-7);
        assertEquals(1.0 / 24, p(m, A, A), 1e-7);
    }
}
