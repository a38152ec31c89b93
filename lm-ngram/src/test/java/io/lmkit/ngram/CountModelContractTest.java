package io.lmkit.ngram;

import io.lmkit.ngram.estimate.CountModels;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Nested;

/** The LanguageModel contract for maximum-likelihood, Laplace and Lidstone models of several orders. */
class CountModelContractTest {

    @Nested
    class MaximumLikelihoodUnigram extends Probe.OnCorpus {
        MaximumLikelihoodUnigram() {
            super(TinyCorpus.sam(), CountModels.estimate(NgramCounts.count(TinyCorpus.sam(), 1),
                    CountModel.Smoothing.maximumLikelihood()));
        }
    }

    @Nested
    class MaximumLikelihoodTrigram extends Probe.OnCorpus {
        MaximumLikelihoodTrigram() {
            super(TinyCorpus.sam(), CountModels.estimate(NgramCounts.count(TinyCorpus.sam(), 3),
                    CountModel.Smoothing.maximumLikelihood()));
        }
    }

    @Nested
    class LaplaceBigram extends Probe.OnCorpus {
        LaplaceBigram() {
            super(TinyCorpus.abba(), CountModels.estimate(NgramCounts.count(TinyCorpus.abba(), 2),
                    CountModel.Smoothing.additive(1)));
        }
    }

    @Nested
    class LidstoneFivegram extends Probe.OnCorpus {
        LidstoneFivegram() {
            super(TinyCorpus.sam(), CountModels.estimate(NgramCounts.count(TinyCorpus.sam(), 5),
                    CountModel.Smoothing.additive(0.5)));
        }
    }
}
