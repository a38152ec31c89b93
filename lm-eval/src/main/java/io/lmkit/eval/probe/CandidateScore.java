package io.lmkit.eval.probe;

import java.util.List;

/**
 * How probable a model finds the sentence of a cloze item with one candidate in the blank.
 *
 * @param candidate    the filler, as written in the suite
 * @param lnProb       natural log of the probability of the whole filled sentence and its
 *                     {@code </s>}; {@code Double.NEGATIVE_INFINITY} when the model gives it 0
 * @param unknownWords the candidate's words that the model's vocabulary does not know: the model
 *                     scored {@code <unk>} in their place, so it never saw the word itself
 */
public record CandidateScore(String candidate, double lnProb, List<String> unknownWords) {

    /** Copies the word list. */
    public CandidateScore {
        unknownWords = List.copyOf(unknownWords);
    }

    /** Whether some word of the candidate is {@code <unk>} for the model. */
    public boolean isUnknown() {
        return !unknownWords.isEmpty();
    }
}
