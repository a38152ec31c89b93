package io.lmkit.eval.probe;

import java.util.List;

/**
 * One model's scores on one cloze item: every candidate's sentence log-probability, the rank of
 * the right answer and its margin over the best distractor.
 *
 * @param item               the item
 * @param candidates         the scores, the right answer first, then the distractors in suite order
 * @param promptUnknownWords words of the prompt (outside the blank) that the model maps to {@code <unk>}
 */
public record ClozeItemResult(ClozeItem item, List<CandidateScore> candidates, List<String> promptUnknownWords) {

    /** Copies the lists and checks there is a score for every candidate. */
    public ClozeItemResult {
        candidates = List.copyOf(candidates);
        promptUnknownWords = List.copyOf(promptUnknownWords);
        if (candidates.size() != item.candidates().size()) {
            throw new IllegalArgumentException("item " + item.id() + " has " + item.candidates().size()
                    + " candidates but " + candidates.size() + " scores");
        }
    }

    /** The right answer's score. */
    public CandidateScore answer() {
        return candidates.get(0);
    }

    /** The distractor the model finds most probable (the first of equals). */
    public CandidateScore bestDistractor() {
        CandidateScore best = candidates.get(1);
        for (CandidateScore c : candidates.subList(2, candidates.size())) {
            if (c.lnProb() > best.lnProb()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The rank of the right answer among all candidates, 1 = most probable. A distractor scored
     * exactly as high counts as ahead of it, so a tie (for instance two candidates that are both
     * {@code <unk>}) is never a pass.
     */
    public int rank() {
        double a = answer().lnProb();
        int ahead = 0;
        for (CandidateScore c : candidates.subList(1, candidates.size())) {
            if (c.lnProb() >= a) {
                ahead++;
            }
        }
        return 1 + ahead;
    }

    /** Whether the right answer is strictly the most probable candidate. */
    public boolean correct() {
        return rank() == 1;
    }

    /**
     * ln p(sentence with the answer) − ln p(sentence with the best distractor), in nats: positive
     * when the model passes. Infinite when exactly one of them has probability 0; NaN when both do.
     */
    public double margin() {
        return answer().lnProb() - bestDistractor().lnProb();
    }

    /** Whether some candidate has a word that the model's vocabulary does not know. */
    public boolean hasUnknownCandidate() {
        return candidates.stream().anyMatch(CandidateScore::isUnknown);
    }
}
