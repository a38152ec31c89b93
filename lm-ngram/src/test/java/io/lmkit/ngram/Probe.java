package io.lmkit.ngram;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.testkit.LanguageModelContract;
import java.util.ArrayList;
import java.util.List;

/** Helpers for reading a model's probabilities in tests. */
final class Probe {

    private Probe() {
    }

    /** P(last word | <s> and the words before it), e.g. {@code p(m, A, B)} is P(b | <s> a). */
    static double p(LanguageModel m, int... words) {
        return Math.exp(lnP(m, words));
    }

    /** ln P(last word | <s> and the words before it). */
    static double lnP(LanguageModel m, int... words) {
        ModelState state = m.begin();
        for (int i = 0; i < words.length - 1; i++) {
            state = m.score(state, words[i]).next();
        }
        return m.score(state, words[words.length - 1]).lnProb();
    }

    /** The sentences of a small corpus and one of unseen continuations, so that backing off from every order is probed. */
    static List<int[]> withUnseenContinuation(Corpus corpus) {
        List<int[]> probes = new ArrayList<>(TinyCorpus.sentences(corpus));
        int last = corpus.vocabulary().size() - 1;
        probes.add(new int[] {last, 0, last, 3});
        return probes;
    }

    /** The LanguageModel contract probed along a small corpus's sentences and one of unseen continuations. */
    abstract static class OnCorpus extends LanguageModelContract {
        private final Corpus corpus;
        private final LanguageModel model;

        OnCorpus(Corpus corpus, LanguageModel model) {
            this.corpus = corpus;
            this.model = model;
        }

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return withUnseenContinuation(corpus);
        }
    }
}
