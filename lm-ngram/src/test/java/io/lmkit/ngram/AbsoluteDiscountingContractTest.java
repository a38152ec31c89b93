package io.lmkit.ngram;

import io.lmkit.ngram.estimate.AbsoluteDiscounting;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Nested;

/** The LanguageModel contract for absolute discounting of several orders, estimated and fixed D. */
class AbsoluteDiscountingContractTest {

    @Nested
    class Unigram extends Probe.OnCorpus {
        Unigram() {
            super(TinyCorpus.sam(), AbsoluteDiscounting.estimate(NgramCounts.count(TinyCorpus.sam(), 1), 0));
        }
    }

    @Nested
    class BigramEstimated extends Probe.OnCorpus {
        BigramEstimated() {
            super(TinyCorpus.abba(), AbsoluteDiscounting.estimate(NgramCounts.count(TinyCorpus.abba(), 2), 0));
        }
    }

    @Nested
    class TrigramFixedDiscountOfOne extends Probe.OnCorpus {
        TrigramFixedDiscountOfOne() {
            super(TinyCorpus.sam(), AbsoluteDiscounting.estimate(NgramCounts.count(TinyCorpus.sam(), 3), 1));
        }
    }

    @Nested
    class FivegramEstimated extends Probe.OnCorpus {
        FivegramEstimated() {
            super(TinyCorpus.sam(), AbsoluteDiscounting.estimate(NgramCounts.count(TinyCorpus.sam(), 5), 0));
        }
    }
}
