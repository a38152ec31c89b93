package io.lmkit.ngram.synth;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * An open-ended vocabulary of made-up words whose ranks follow a Zipf-Mandelbrot law,
 * p(r) ∝ (r + q)^−s for r = 1, 2, ... (Mandelbrot 1953), so that a sample of m words holds about
 * m^(1/s) distinct ones, as Heaps' law says of text.
 *
 * <p>A rank is drawn by inverting the continuous law (a Pareto tail shifted by q) and rounding to the
 * nearest rank at or above 1: exact in the tail, within a rounding of the discrete law in the first
 * few ranks. A rank's word form is fixed: consonant-vowel syllables spelling the rank in base 70
 * (rank 1 is {@code ba}), with {@code x} appended until it is no word of the given vocabulary, so a made-up
 * word never poses as a real one.
 *
 * @param exponent s, above 1 (1.5: about m^0.67 types in m draws)
 * @param shift    q, 0 or more (2.7, Mandelbrot's usual value, flattens the first ranks)
 */
public record ZipfMandelbrotWords(double exponent, double shift) {

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final int SYLLABLES = CONSONANTS.length() * VOWELS.length();
    /** Ranks stop here (a draw beyond is this rank): far beyond any corpus, and a long stays exact. */
    private static final long MAX_RANK = 1L << 52;

    /** Validates the parameters. */
    public ZipfMandelbrotWords {
        if (!(exponent > 1) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("the Zipf-Mandelbrot exponent must be a finite number above 1, got "
                    + exponent);
        }
        if (!(shift >= 0) || Double.isInfinite(shift)) {
            throw new IllegalArgumentException("the Zipf-Mandelbrot shift must be a finite number, 0 or more, got "
                    + shift);
        }
    }

    /** The law lmkit's synthetic corpora use: s = 1.5, q = 2.7. */
    public static final ZipfMandelbrotWords DEFAULT = new ZipfMandelbrotWords(1.5, 2.7);

    /** Draws a rank, 1 or more. */
    public long drawRank(SplittableRandom random) {
        // P(X > x) = ((x + q) / (0.5 + q))^(1 − s) for x ≥ 0.5; invert with U in (0, 1].
        double u = 1.0 - random.nextDouble();
        double x = (0.5 + shift) * Math.pow(u, -1.0 / (exponent - 1)) - shift;
        return x >= MAX_RANK ? MAX_RANK : Math.max(1, Math.round(x));
    }

    /** The word form of {@code rank} (1 or more), never a word of {@code taken}. */
    public static String form(long rank, Set<String> taken) {
        StringBuilder b = new StringBuilder(12);
        long r = rank;
        // Bijective base 70: every rank has one spelling and no spelling has a leading "zero".
        while (r > 0) {
            r--;
            int syllable = (int) (r % SYLLABLES);
            b.append(CONSONANTS.charAt(syllable / VOWELS.length())).append(VOWELS.charAt(syllable % VOWELS.length()));
            r /= SYLLABLES;
        }
        String word = b.toString();
        while (taken.contains(word)) {
            word = word + "x";
        }
        return word;
    }
}
