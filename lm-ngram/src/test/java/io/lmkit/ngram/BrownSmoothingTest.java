package io.lmkit.ngram;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.ngram.estimate.AbsoluteDiscounting;
import io.lmkit.ngram.estimate.CountModels;
import io.lmkit.ngram.estimate.Katz;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.WittenBell;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Every normalised smoothing method estimated at order 3 on the Brown training split keeps the
 * LanguageModel contract along 20 validation sentences (drawn with seed 20240611): real data has
 * the contexts tiny corpora lack, such as Katz contexts whose counts cannot be discounted and
 * validation words never seen after their context. Skipped without {@code ../shared/data/brown}.
 */
class BrownSmoothingTest {

    private static NgramCounts counts;
    private static List<int[]> probes;

    @BeforeAll
    static void countBrown() {
        BrownSplits brown = BrownSplits.prepare(SharedData.require("brown"));
        counts = NgramCounts.count(brown.corpus(BrownSplits.Split.TRAIN), 3);
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Random random = new Random(20240611);
        probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(valid.sentence(random.nextInt(valid.sentenceCount())));
        }
    }

    /** One instance per class, so each model is estimated once for all the contract's tests. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnBrown extends LanguageModelContract {
        private final LanguageModel model;

        OnBrown(LanguageModel model) {
            this.model = model;
        }

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return probes;
        }
    }

    @Nested
    class WittenBellTrigram extends OnBrown {
        WittenBellTrigram() {
            super(WittenBell.estimate(counts));
        }
    }

    @Nested
    class AbsoluteDiscountingTrigram extends OnBrown {
        AbsoluteDiscountingTrigram() {
            super(AbsoluteDiscounting.estimate(counts, 0));
        }
    }

    @Nested
    class KatzTrigram extends OnBrown {
        KatzTrigram() {
            super(Katz.estimate(counts, 5));
        }
    }

    @Nested
    class MaximumLikelihoodTrigram extends OnBrown {
        MaximumLikelihoodTrigram() {
            super(CountModels.estimate(counts, CountModel.Smoothing.maximumLikelihood()));
        }
    }

    @Nested
    class LaplaceTrigram extends OnBrown {
        LaplaceTrigram() {
            super(CountModels.estimate(counts, CountModel.Smoothing.additive(1)));
        }
    }

    @Nested
    class LidstoneTrigram extends OnBrown {
        LidstoneTrigram() {
            super(CountModels.estimate(counts, CountModel.Smoothing.additive(0.5)));
        }
    }
}
