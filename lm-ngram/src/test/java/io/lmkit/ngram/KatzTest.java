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
}
