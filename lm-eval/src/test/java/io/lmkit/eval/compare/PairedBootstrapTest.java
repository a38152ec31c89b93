package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private static final int[] TOKENS = {3, 5, 2, 7, 4, 6, 1, 8};

    /** ln p of every sentence when each of its tokens has probability {@code p}. */
    private static double[] everyTokenWithProbability(double p) {
        return Arrays.stream(TOKENS).mapToDouble(n -> n * Math.log(p)).toArray();
    }

    @Test
    void identicalModelsDifferByExactlyZeroOnEveryDraw() {
        double[] scores = {-10.5, -3.25, -7.0, -20.0, -1.5, -9.75, -2.0, -30.0};
        PairedDifference d = new PairedBootstrap(1000, 7).compare("a", scores, "b", scores.clone(), TOKENS);
        assertEquals(0.0, d.difference());
        assertEquals(0.0, d.lower());
        assertEquals(0.0, d.upper());
        assertEquals(0.0, d.firstBetterShare(), "never strictly better");
        assertEquals(1000, d.resamples());
        assertFalse(d.significant());
    }

    @Test
    void aConstantPerTokenAdvantageGivesItsExactDifferenceOnEveryDraw() {
        // Every token has p = 1/10 under the first model and 1/20 under the second, so whatever
        // sentences are drawn the perplexities are 10 and 20: the interval is exactly [-10, -10].
        PairedDifference d = new PairedBootstrap(1000, 3).compare("good", everyTokenWithProbability(0.1), "bad",
                everyTokenWithProbability(0.05), TOKENS);
        assertEquals(10.0, d.firstPerplexity(), 1e-9);
        assertEquals(20.0, d.secondPerplexity(), 1e-9);
        assertEquals(-10.0, d.difference(), 1e-9);
        assertEquals(-10.0, d.lower(), 1e-9);
        assertEquals(-10.0, d.upper(), 1e-9);
        assertEquals(1.0, d.firstBetterShare());
        assertTrue(d.significant());
    }

    @Test
    void theIntervalComesFromTheSeedAndBracketsTheObservedDifference() {
        double[] a = {-10.5, -3.25, -7.0, -20.0, -1.5, -9.75, -2.0, -30.0};
        double[] b = {-11.0, -3.0, -8.0, -19.0, -2.5, -9.0, -2.5, -31.0};
        PairedDifference once = new PairedBootstrap(1000, 42).compare("a", a, "b", b, TOKENS);
        PairedDifference again = new PairedBootstrap(1000, 42).compare("a", a, "b", b, TOKENS);
        PairedDifference otherSeed = new PairedBootstrap(1000, 43).compare("a", a, "b", b, TOKENS);
        assertEquals(once, again);
        assertNotEquals(once.lower(), otherSeed.lower());
        assertTrue(once.lower() < once.difference() && once.difference() < once.upper(), once.toString());
        PairedDifference swapped = new PairedBootstrap(1000, 42).compare("b", b, "a", a, TOKENS);
        assertEquals(-once.difference(), swapped.difference(), 1e-12);
        assertEquals(-once.upper(), swapped.lower(), 1e-9, "the same draws, negated");
    }

    @Test
    void refusesMismatchedOrInfiniteScores() {
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(10, 1).compare("a", new double[2],
                "b", new double[3], new int[2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(10, 1)
                .compare("mle", new double[] {-1, Double.NEGATIVE_INFINITY}, "b", new double[] {-1, -1}, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("'mle'") && e.getMessage().contains("sentence 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(0, 1));
    }
}
