package io.lmkit.eval.compare;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The paired bootstrap over test sentences (Koehn 2004; Efron and Tibshirani 1993, ch. 13): draw
 * the test split's sentences with replacement, recompute both models' perplexities on the same
 * draw, and take the 2.5th and 97.5th percentiles of their difference as a 95% interval.
 *
 * <p>Sentences, not tokens, are resampled because tokens within a sentence are not independent.
 * Perplexity is recomputed per token on every draw, PPL = exp(−Σ ln p / Σ tokens), never averaged
 * per sentence. Every pair sees the same sequence of draws (a generator seeded afresh for each
 * pair), so the result of a pair does not depend on which other pairs were compared.
 */
public final class PairedBootstrap {

    /** Resamples used when a config does not say. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private final int resamples;
    private final long seed;

    /**
     * A bootstrap of {@code resamples} draws from a Mersenne Twister seeded with {@code seed}.
     *
     * @throws IllegalArgumentException when {@code resamples} is below 1
     */
    public PairedBootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 1, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * Compares two models scored on the same sentences.
     *
     * @param firstLnProbs  natural-log probability of each test sentence under the first model
     * @param secondLnProbs the same under the second model
     * @param tokens        predicted tokens of each sentence (its words plus {@code </s>})
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold a
     *                                  non-finite log-probability (a model with zero-probability
     *                                  tokens has no finite perplexity to compare)
     */
    public PairedDifference compare(String first, double[] firstLnProbs, String second, double[] secondLnProbs,
                                    int[] tokens) {
        int n = tokens.length;
        if (firstLnProbs.length != n || secondLnProbs.length != n || n == 0) {
            throw new IllegalArgumentException("paired bootstrap needs both models' scores of the same non-empty set"
                    + " of sentences; got " + firstLnProbs.length + ", " + secondLnProbs.length + " and " + n);
        }
        requireFinite(first, firstLnProbs);
        requireFinite(second, secondLnProbs);
        double pplFirst = perplexity(firstLnProbs, tokens, null);
        double pplSecond = perplexity(secondLnProbs, tokens, null);
        RandomGenerator random = new MersenneTwister(seed);
        double[] differences = new double[resamples];
        int[] draw = new int[n];
        int firstBetter = 0;
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                draw[i] = random.nextInt(n);
            }
            double a = perplexity(firstLnProbs, tokens, draw);
            double b = perplexity(secondLnProbs, tokens, draw);
            differences[r] = a - b;
            if (a < b) {
                firstBetter++;
            }
        }
        // R-7 is the estimator of R's and NumPy's default quantile; any standard one would do.
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(differences);
        return new PairedDifference(first, second, pplFirst, pplSecond, pplFirst - pplSecond,
                percentile.evaluate(2.5), percentile.evaluate(97.5), (double) firstBetter / resamples, resamples);
    }

    /** Perplexity of the sentences listed in {@code draw} (all sentences when it is null). */
    private static double perplexity(double[] lnProbs, int[] tokens, int[] draw) {
        double lnSum = 0;
        long tokenSum = 0;
        int n = draw == null ? tokens.length : draw.length;
        for (int i = 0; i < n; i++) {
            int s = draw == null ? i : draw[i];
            lnSum += lnProbs[s];
            tokenSum += tokens[s];
        }
        return Math.exp(-lnSum / tokenSum);
    }

    private static void requireFinite(String label, double[] lnProbs) {
        for (int i = 0; i < lnProbs.length; i++) {
            if (!Double.isFinite(lnProbs[i])) {
                throw new IllegalArgumentException("model '" + label + "' gives sentence " + (i + 1) + " ln p = "
                        + lnProbs[i] + "; only models with a finite perplexity can be bootstrapped");
            }
        }
    }
}
