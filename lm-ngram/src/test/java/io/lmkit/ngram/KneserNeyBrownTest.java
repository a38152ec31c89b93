package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Modified Kneser-Ney of orders 2 to 6 on brown-v1. Independent references: the perplexities and n-gram counts
 * of KenLM's models of the same orders (recorded by hand, see {@link #KENLM_TEST}). Properties that need no
 * recorded value: the {@link LanguageModel} contract on sampled validation contexts, perplexity that falls
 * with the order, and concurrent scoring equal to one thread's. No value here was recorded from lmkit itself.
 */
class KneserNeyBrownTest {

    private static BrownSplits brown;
    private static NgramCounts counts6;

    @BeforeAll
    static void load() {
        brown = BrownSplits.prepare(SharedData.require("brown"));
        counts6 = NgramCounts.count(brown.corpus(BrownSplits.Split.TRAIN), 6);
    }

    /** 12 validation sentences drawn with a fixed seed. */
    static List<int[]> sampledSentences() {
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Random random = new Random(20031);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(valid.sentence(random.nextInt(valid.sentenceCount())));
        }
        return out;
    }

    /**
     * Independent reference: KenLM's query perplexities on test and valid for lmplz -o 2 to -o 6 models of
     * brown-v1, and their ARPA headers' n-gram counts, recorded once by hand with
     * {@code scripts/reference/kenlm-brown.sh} (it prints them; these tests never run KenLM). Index = order.
     */
    private static final double[] KENLM_TEST = {0, 0, 154.46329289543246, 147.700995844047, 146.9904992541101,
            146.7424553462791, 146.68710981181516};
    private static final double[] KENLM_VALID = {0, 0, 164.6104054457418, 156.92218292618955, 156.2431205745598,
            155.9973861382463, 155.9322349938717};
    /** lmplz -o 6's header, less KenLM's own zero-count {@code <unk>} (ngram 1=14117), which lmkit does not add. */
    private static final long[] KENLM_O6_NGRAMS = {14_116, 271_047, 575_007, 700_564, 711_384, 688_398};

    /**
     * lmkit with its default (textbook) discount statistics against KenLM, order by order, within README's
     * bound (measured: at most 1.9e-6 relative, from the unigram D1 that lmplz computes slightly differently).
     */
    @Test
    void perplexityMatchesKenlmsAtEveryOrderAndFallsWithTheOrder() {
        Corpus test = brown.corpus(BrownSplits.Split.TEST);
        Corpus valid = brown.corpus(BrownSplits.Split.VALID);
        Corpus train = brown.corpus(BrownSplits.Split.TRAIN);
        double previous = Double.MAX_VALUE;
        for (int order = 2; order <= 6; order++) {
            NgramModel m = KneserNey.estimate(NgramCounts.count(train, order), KneserNey.Variant.MODIFIED);
            double ppl = new PerplexityEvaluator().evaluate(m, test).perplexity();
            assertRelative(KENLM_TEST[order], ppl, "order " + order + " test");
            assertRelative(KENLM_VALID[order], new PerplexityEvaluator().evaluate(m, valid).perplexity(),
                    "order " + order + " valid");
            assertTrue(ppl < previous, "order " + order);
            previous = ppl;
        }
    }

    /** Independent reference: the same n-grams as KenLM's order-6 model, order by order. */
    @Test
    void theSixgramHasKenlmsNgramCounts() {
        assertArrayEquals(KENLM_O6_NGRAMS, KneserNey.estimate(counts6, KneserNey.Variant.MODIFIED).ngramCounts());
    }

    private static void assertRelative(double kenlm, double ours, String what) {
        double relative = Math.abs(ours - kenlm) / kenlm;
        assertTrue(relative < 5e-6, what + ": " + ours + " against KenLM's " + kenlm + " (relative " + relative + ")");
    }

    @Test
    void concurrentScoringGivesTheSameNumbersAsOneThread() throws Exception {
        NgramModel model = KneserNey.estimate(counts6, KneserNey.Variant.MODIFIED);
        Corpus test = brown.corpus(BrownSplits.Split.TEST).slice(0, 2000);
        double[][] expected = new double[test.sentenceCount()][];
        for (int s = 0; s < expected.length; s++) {
            expected[s] = model.scoreSentence(test.sentence(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    double[][] got = new double[test.sentenceCount()][];
                    for (int s = got.length - 1; s >= 0; s--) {
                        got[s] = model.scoreSentence(test.sentence(s));
                    }
                    return got;
                }));
            }
            for (Future<double[][]> run : runs) {
                double[][] got = run.get();
                for (int s = 0; s < expected.length; s++) {
                    assertArrayEquals(expected[s], got[s], 0.0, "sentence " + s);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnBrown extends LanguageModelContract {
        private final int order;
        private LanguageModel model;

        OnBrown(int order) {
            this.order = order;
        }

        @Override
        protected LanguageModel model() {
            if (model == null) {
                model = KneserNey.estimate(NgramCounts.count(brown.corpus(BrownSplits.Split.TRAIN), order),
                        KneserNey.Variant.MODIFIED);
            }
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return sampledSentences();
        }
    }

    @Nested
    class Order2 extends OnBrown {
        Order2() {
            super(2);
        }
    }

    @Nested
    class Order4 extends OnBrown {
        Order4() {
            super(4);
        }
    }

    @Nested
    class Order6 extends OnBrown {
        Order6() {
            super(6);
        }
    }
}
