package io.lmkit.ngram;

import static io.lmkit.ngram.Probe.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.GoodTuringDiscounts;
import io.lmkit.ngram.estimate.Katz;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Good-Turing discounting with Katz backoff on counts small enough to check by hand. */
class KatzTest {

    /**
     * One sentence "s a b s c a d b e s f" over a vocabulary that also has a word z never seen:
     * s is seen 3 times, a and b twice, c d e f and {@code </s>} once, so n1 = 5, n2 = 2, n3 = 1
     * and N = 12.
     */
    private static final Vocabulary V = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "s", "a", "b", "c", "d",
            "e", "f", "z"));
    private static final Corpus CORPUS = Corpus.of(V, List.of(List.of("s", "a", "b", "s", "c", "a", "d", "b", "e",
            "s", "f")));

    @Test
    void discountRatiosFollowKatz() {
        // K = 2: the correction is (K+1)·n3/n1 = 3/5.
        // d_1 = (2·n2/n1 − 3/5)/(1 − 3/5) = (4/5 − 3/5)/(2/5) = 1/2;
        // d_2 = ((3·n3/n2)/2 − 3/5)/(2/5) = (3/4 − 3/5)/(2/5) = 3/8; counts above K keep d = 1.
        GoodTuringDiscounts d = GoodTuringDiscounts.estimate(new long[] {0, 5, 2, 1}, 2);
        assertEquals(0.5, d.ratio(1), 1e-15);
        assertEquals(3.0 / 8, d.ratio(2), 1e-15);
        assertEquals(1.0, d.ratio(3));
        assertEquals(List.of(), d.undiscounted());
    }

    @Test
    void aRatioOutsideTheUnitIntervalMeansNoDiscountForThatCount() {
        // n = (7, 2, 2), K = 2: correction 3·2/7 = 6/7; d_1 = (4/7 − 6/7)/(1/7) = −2 and
        // d_2 = (3·2/2/2 − 6/7)/(1/7) = 9/2: neither is in (0, 1], so neither count is discounted.
        GoodTuringDiscounts d = GoodTuringDiscounts.estimate(new long[] {0, 7, 2, 2}, 2);
        assertEquals(1.0, d.ratio(1));
        assertEquals(1.0, d.ratio(2));
        assertEquals(List.of(1, 2), d.undiscounted());
        // n2 = 0 leaves r* = 0 for r = 1, so d_1 ≤ 0; count 2 is unused, so it is not reported.
        assertEquals(List.of(1), GoodTuringDiscounts.estimate(new long[] {0, 4, 0, 1}, 2).undiscounted());
    }

    @Test
    void unigramsGiveTheFreedMassToTheUnseenWords() {
        NgramModel m = Katz.estimate(NgramCounts.count(CORPUS, 1), 2);
        // s (3 > K) keeps 3/12; a: d_2·2/12 = 3/8·2/12 = 1/16; c and </s>: d_1·1/12 = 1/24.
        assertEquals(3.0 / 12, p(m, V.id("s")), 1e-7);
        assertEquals(1.0 / 16, p(m, V.id("a")), 1e-7);
        assertEquals(1.0 / 24, p(m, V.id("c")), 1e-7);
        assertEquals(1.0 / 24, p(m, V.eos()), 1e-7);
        // Seen: 1/4 + 2·1/16 + 5·1/24 = 7/12; the other 5/12 goes to <unk> and z alike.
        assertEquals(5.0 / 24, p(m, V.id("z")), 1e-7);
        assertEquals(5.0 / 24, p(m, V.unk()), 1e-7);
    }

    @Test
    void whenEveryWordWasSeenTheUnigramsAreRenormalised() {
        Vocabulary v = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "s", "a", "b", "c", "d", "e", "f"));
        Corpus c = Corpus.of(v, List.of(List.of("s", "a", "b", "s", "c", "a", "d", "b", "e", "s", "f", "<unk>")));
        // Now <unk> is seen once too: n1 = 6, n2 = 2, n3 = 1, N = 13. K = 2: correction 3/6 = 1/2;
        // d_1 = (4/6 − 1/2)/(1/2) = 1/3, d_2 = (3/4 − 1/2)/(1/2) = 1/2.
        // Discounted: s 3/13, a and b 1/13 each, the six singletons 1/39 each, in all
        // 3/13 + 2/13 + 6/39 = 7/13; renormalised by 13/7: p(s) = 3/7, p(a) = 1/7, p(c) = 1/21.
        NgramModel m = Katz.estimate(NgramCounts.count(c, 1), 2);
        assertEquals(3.0 / 7, p(m, v.id("s")), 1e-7);
        assertEquals(1.0 / 7, p(m, v.id("a")), 1e-7);
        assertEquals(1.0 / 21, p(m, v.id("c")), 1e-7);
    }

    @Test
    void aContextWhoseCountsCannotBeDiscountedKeepsAllItsMass() {
        // Every bigram is seen once: n1 = 12, n2 = 0, so d_1 is not valid and count 1 is not
        // discounted. s is followed by a, c and f: p(a|s) = 1/3, and nothing is left for z after s
        // but what rounding the stored float32 probabilities down leaves (under 1e-7 in all).
        NgramModel m = Katz.estimate(NgramCounts.count(CORPUS, 2), 2);
        assertEquals(1.0 / 3, p(m, V.id("s"), V.id("a")), 1e-7);
        assertTrue(p(m, V.id("s"), V.id("z")) < 1e-7);
        assertEquals(1.0, p(m, V.id("s")), 1e-7);
    }

    @Test
    void unseenWordsShareTheFreedMassInProportionToTheLowerOrder() {
        Vocabulary v = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "x", "y", "z", "w"));
        Corpus c = Corpus.of(v, List.of(List.of("x", "x", "x", "x"), List.of("y"), List.of("y"), List.of("z", "w")));
        int x = v.id("x");
        int y = v.id("y");
        int w = v.id("w");
        // Bigrams: x x ×3; <s> y, y </s> ×2; <s> x, x </s>, <s> z, z w, w </s> once: n1 = 5, n2 = 2,
        // n3 = 1, so with K = 2, d_1 = 1/2 and d_2 = 3/8 as in discountRatiosFollowKatz.
        // Unigrams (N = 12): x 4, </s> 4, y 2, z 1, w 1: n2 = 1 but n3 = 0, so d_2 is 0 and count 2
        // is not discounted; d_1 = 2·n2/n1 = 1. The unigrams are c/N.
        NgramModel m = Katz.estimate(NgramCounts.count(c, 2), 2);
        // After <s> (c = 4): p(x|<s>) = d_1·1/4 = 1/8, p(y|<s>) = d_2·2/4 = 3/16, p(z|<s>) = 1/8: 7/16 seen.
        assertEquals(1.0 / 8, p(m, x), 1e-7);
        assertEquals(3.0 / 16, p(m, y), 1e-7);
        // α(<s>) = (1 − 7/16)/(1 − p(x) − p(y) − p(z)) = (9/16)/(5/12) = 27/20;
        // p(w|<s>) = 27/20·1/12 = 9/80, p(</s>|<s>) = 27/20·4/12 = 9/20.
        assertEquals(Math.log10(27.0 / 20), m.entry(v.bos()).orElseThrow().log10Backoff(), 1e-7);
        assertEquals(9.0 / 80, p(m, w), 1e-7);
        assertEquals(9.0 / 20, p(m, v.eos()), 1e-7);
        // After x (c = 4): x x (3 > K) keeps 3/4, x </s> gets d_1·1/4 = 1/8; α(x) = (1/8)/(1 − 8/12) = 3/8,
        // so p(y|x) = 3/8·2/12 = 1/16.
        assertEquals(3.0 / 4, p(m, x, x), 1e-7);
        assertEquals(1.0 / 8, p(m, x, v.eos()), 1e-7);
        assertEquals(1.0 / 16, p(m, x, y), 1e-7);
    }
}
