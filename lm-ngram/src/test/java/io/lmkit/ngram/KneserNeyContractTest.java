package io.lmkit.ngram;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The LanguageModel contract for Kneser-Ney models of several orders on small corpora. */
class KneserNeyContractTest {

    abstract static class OnCorpus extends LanguageModelContract {
        private final Corpus corpus;
        private final LanguageModel model;

        OnCorpus(Corpus corpus, int order, KneserNey.Variant variant) {
            this.corpus = corpus;
            this.model = KneserNey.estimate(NgramCounts.count(corpus, order), variant);
        }

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            List<int[]> probes = new ArrayList<>(TinyCorpus.sentences(corpus));
            // An unseen continuation, so that backing off from every order is probed too.
            probes.add(new int[] {corpus.vocabulary().size() - 1, 0, corpus.vocabulary().size() - 1, 3});
            return probes;
        }
    }

    @Nested
    class ModifiedUnigram extends OnCorpus {
        ModifiedUnigram() {
            super(TinyCorpus.sam(), 1, KneserNey.Variant.MODIFIED);
        }
    }

    @Nested
    class ModifiedTrigram extends OnCorpus {
        ModifiedTrigram() {
            super(TinyCorpus.sam(), 3, KneserNey.Variant.MODIFIED);
        }
    }

    @Nested
    class ModifiedFivegram extends OnCorpus {
        ModifiedFivegram() {
            super(TinyCorpus.sam(), 5, KneserNey.Variant.MODIFIED);
        }
    }

    @Nested
    class OriginalBigram extends OnCorpus {
        OriginalBigram() {
            super(TinyCorpus.abba(), 2, KneserNey.Variant.ORIGINAL);
        }
    }
}
