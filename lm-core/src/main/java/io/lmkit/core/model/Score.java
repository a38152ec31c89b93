package io.lmkit.core.model;

/**
 * The result of scoring one word after a state: its natural-log probability (or score, for a
 * model whose {@link ScoreKind} is {@link ScoreKind#SCORE}) and the state after the word.
 *
 * @param lnProb natural log of P(word | state); {@code Double.NEGATIVE_INFINITY} when the model
 *               gives the word probability 0; never NaN
 * @param next   the state that follows the word
 */
public record Score(double lnProb, ModelState next) {

    /** The same value in base 10, as ARPA files and KenLM print it. */
    public double log10Prob() {
        return lnProb / Math.log(10);
    }
}
