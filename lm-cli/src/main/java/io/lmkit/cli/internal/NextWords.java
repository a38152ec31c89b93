package io.lmkit.cli.internal;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The most probable next words after a context, from a model's full next-word distribution. */
final class NextWords {

    /**
     * One candidate next word.
     *
     * @param word        the word ({@code </s>}: the sentence ends here)
     * @param probability P(word | context), in [0, 1]
     */
    record Candidate(String word, double probability) {

        /** log10 of the probability, as score prints. */
        double log10Prob() {
            return Math.log10(probability);
        }
    }

    /** How many next words predict and the REPL list unless told otherwise: one default for both. */
    static final String DEFAULT_TOP = "10";

    private NextWords() {
    }

    /**
     * The {@code k} most probable next words after {@code context} (words of one sentence, read
     * from its start), most probable first; ties go to the smaller vocabulary id, so the list is
     * deterministic. Words of probability 0 are never listed, nor {@code <unk>} unless {@code allowUnk}:
     * the probabilities shown stay the model's own.
     */
    static List<Candidate> top(LanguageModel model, List<String> context, int k, boolean allowUnk) {
        Vocabulary vocabulary = model.vocabulary();
        ModelState state = model.begin();
        for (String w : context) {
            state = model.score(state, vocabulary.contains(w) ? vocabulary.id(w) : vocabulary.unk()).next();
        }
        double[] lnProbs = new double[vocabulary.size()];
        model.nextLnProbs(state, lnProbs);
        // A min-heap of the best k seen so far: the weakest candidate (lowest probability, larger id) on top.
        Comparator<Integer> weakestFirst = Comparator.<Integer>comparingDouble(id -> lnProbs[id])
                .thenComparing(Comparator.<Integer>reverseOrder());
        PriorityQueue<Integer> best = new PriorityQueue<>(weakestFirst);
        for (int id = 0; id < lnProbs.length; id++) {
            if (id == vocabulary.bos() || (id == vocabulary.unk() && !allowUnk) || lnProbs[id] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            best.add(id);
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Candidate> out = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int id = best.poll();
            out.add(0, new Candidate(vocabulary.word(id), Math.exp(lnProbs[id])));
        }
        return out;
    }
}
