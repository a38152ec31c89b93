package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Test;

/** Interpolated Kneser-Ney on corpora small enough to check by hand. */
class KneserNeyTest {

    private static final int A = 3;
    private static final int B = 4;

    @Test
    void countsFollowTheSentenceBoundaryConvention() {
        Corpus c = TinyCorpus.abba();
        NgramCounts counts = NgramCounts.count(c, 2);
        Vocabulary v = c.vocabulary();
        // Bigrams: <s> a ×2, a b ×2, b </s> ×2, <s> b, b a, a </s>.
        assertEquals(6, counts.size(2));
        assertEquals(2, counts.occurrences(2, counts.find(2, v.bos(), A)));
        assertEquals(1, counts.occurrences(2, counts.find(2, B, A)));
        assertEquals(-1, counts.find(2, A, v.bos()), "no n-gram ends in <s>");
        // Continuation counts: a after {<s>, b}, b after {a, <s>}, </s> after {b, a}.
        assertEquals(2, counts.continuations(1, A));
        assertEquals(2, counts.continuations(1, B));
        assertEquals(2, counts.continuations(1, v.eos()));
        assertEquals(0, counts.continuations(1, v.bos()));
        assertEquals(3, counts.occurrences(1, A));
    }

    @Test
    void modifiedKneserNeyMatchesTheHandComputation() {
        Corpus c = TinyCorpus.abba();
        Vocabulary v = c.vocabulary();
        NgramCounts counts = NgramCounts.count(c, 2);
        Discounts[] d = KneserNey.discounts(counts, KneserNey.Variant.MODIFIED, KneserNey.DiscountStatistics.TEXTBOOK);
        // Too little data: t1 = 0 for the unigrams and t3 = 0 for the bigrams, so both fall back.
        assertEquals(Discounts.FALLBACK, d[1]);
        assertEquals(Discounts.FALLBACK, d[2]);
        NgramModel m = KneserNey.estimate(counts, KneserNey.Variant.MODIFIED);
        // Unigrams: adjusted counts a = b = </s> = 2, total 6, γ(ε) = 1·3/6, |V| = 4.
        // p(a) = (2 − 1)/6 + 0.5/4 = 7/24; p(<unk>) = 0.5/4 = 3/24.
        assertEquals(log10(7.0 / 24), m.entry(A).orElseThrow().log10Prob(), 1e-7);
        assertEquals(log10(3.0 / 24), m.entry(v.unk()).orElseThrow().log10Prob(), 1e-7);
        // Context <s>: a ×2, b ×1; γ(<s>) = (0.5·1 + 1·1)/3 = 0.5.
        // p(a|<s>) = (2 − 1)/3 + 0.5·7/24 = 23/48; p(b|<s>) = (1 − 0.5)/3 + 0.5·7/24 = 15/48.
        assertEquals(log10(0.5), m.entry(v.bos()).orElseThrow().log10Backoff(), 1e-7);
        assertEquals(log10(23.0 / 48), m.entry(v.bos(), A).orElseThrow().log10Prob(), 1e-7);
        assertEquals(log10(15.0 / 48), m.entry(v.bos(), B).orElseThrow().log10Prob(), 1e-7);
        // Unseen after <s>: back off. p(</s>|<s>) = 0.5·7/24, p(<unk>|<s>) = 0.5·3/24.
        NgramState start = m.begin();
        assertEquals(Math.log(7.0 / 48), m.score(start, v.eos()).lnProb(), 1e-6);
        assertEquals(Math.log(3.0 / 48), m.score(start, v.unk()).lnProb(), 1e-6);
        assertEquals(1, m.fullScore(start, v.eos()).matchedOrder());
        assertEquals(2, m.fullScore(start, A).matchedOrder());
    }

    @Test
    void originalKneserNeyUsesOneDiscountPerOrder() {
        NgramCounts counts = NgramCounts.count(TinyCorpus.sam(), 3);
        Discounts[] d = KneserNey.discounts(counts, KneserNey.Variant.ORIGINAL, KneserNey.DiscountStatistics.TEXTBOOK);
        // Trigrams of "I am Sam / Sam I am / I do not like green eggs and ham": 14 distinct, each once.
        // t1 = 14, t2 = 0: no valid single discount, so the fallback.
        assertEquals(Discounts.FALLBACK, d[3]);
        // Bigrams: "<s> I" keeps its raw count 2, "I am" follows <s> and Sam (continuation 2), the
        // other 13 have 1: t1 = 13, t2 = 2, so D = 13/(13 + 4).
        assertEquals(13.0 / 17, d[2].d1(), 1e-12);
        assertEquals(d[2].d1(), d[2].d3(), 0);
    }

    @Test
    void discountsFromCountsOfCountsFollowChenAndGoodman() {
        long[] t = {0, 100, 40, 20, 10};
        Discounts d = Discounts.modified(t).orElseThrow();
        double y = 100.0 / (100 + 80);
        assertEquals(1 - 2 * y * 40 / 100, d.d1(), 1e-12);
        assertEquals(2 - 3 * y * 20 / 40, d.d2(), 1e-12);
        assertEquals(3 - 4 * y * 10 / 20, d.d3(), 1e-12);
        assertTrue(Discounts.modified(new long[] {0, 10, 0, 1, 1}).isEmpty(), "t2 = 0 has no discounts");
    }

    private static double log10(double p) {
        return Math.log10(p);
    }
}
