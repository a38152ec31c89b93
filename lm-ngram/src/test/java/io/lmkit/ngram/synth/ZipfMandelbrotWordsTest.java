package io.lmkit.ngram.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The made-up vocabulary: fixed word forms, and ranks drawn by the Zipf-Mandelbrot law. */
class ZipfMandelbrotWordsTest {

    @Test
    void eachRankHasOneSpellingInConsonantVowelSyllablesThatIsNoRealWord() {
        assertEquals("ba", ZipfMandelbrotWords.form(1, Set.of()));
        assertEquals("be", ZipfMandelbrotWords.form(2, Set.of()));
        assertEquals("zu", ZipfMandelbrotWords.form(70, Set.of()));
        assertEquals("baba", ZipfMandelbrotWords.form(71, Set.of()), "bijective base 70: no leading zero");
        assertEquals("bax", ZipfMandelbrotWords.form(1, Set.of("ba")));
        assertEquals("baxx", ZipfMandelbrotWords.form(1, Set.of("ba", "bax")));
    }

    @Test
    void ranksFollowTheLawInTheHeadAndTheTail() {
        ZipfMandelbrotWords law = new ZipfMandelbrotWords(1.5, 2.7);
        SplittableRandom random = new SplittableRandom(1);
        int n = 400_000;
        long first = 0;
        long beyondThousand = 0;
        for (int i = 0; i < n; i++) {
            long r = law.drawRank(random);
            first += r == 1 ? 1 : 0;
            beyondThousand += r > 1000 ? 1 : 0;
        }
        // Continuous law rounded: P(rank 1) = 1 − (3.2/4.2)^0.5 = 0.12711; P(rank > 1000) = (3.2/1003.2)^0.5 = 0.05648.
        assertEquals(0.12711, first / (double) n, 0.003);
        assertEquals(0.05648, beyondThousand / (double) n, 0.002);
    }

    @Test
    void anExponentOfOneOrLessHasNoOpenEndedLaw() {
        assertThrows(IllegalArgumentException.class, () -> new ZipfMandelbrotWords(1.0, 2.7));
        assertThrows(IllegalArgumentException.class, () -> new ZipfMandelbrotWords(1.5, -1));
    }
}
