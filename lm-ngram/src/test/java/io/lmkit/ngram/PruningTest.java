package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.Pruning;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Count pruning with lmplz's --prune semantics. */
class PruningTest {

    private static NgramModel pruned(Corpus corpus, int order, String thresholds) {
        return KneserNey.estimate(NgramCounts.count(corpus, order), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.TEXTBOOK, Pruning.parse(thresholds));
    }

    @Test
    void singletonTrigramsArePrunedUnlessALongerNgramNeedsThem() {
        Corpus sam = TinyCorpus.sam();
        NgramModel full = pruned(sam, 3, "");
        NgramModel model = pruned(sam, 3, "0 0 1");
        // Every trigram of the Sam corpus occurs once: all go.
        assertEquals(14, full.ngramCounts()[2]);
        assertEquals(0, model.ngramCounts()[2]);
        assertEquals(full.ngramCounts()[1], model.ngramCounts()[1], "bigrams are kept");
        // With 4-grams pruned at 1 too, and trigrams at 0, the trigrams stay.
        NgramModel four = pruned(sam, 4, "0 0 0 1");
        assertEquals(14, four.ngramCounts()[2]);
        assertEquals(0, four.ngramCounts()[3]);
    }

    @Test
    void aPrunedNgramIsScoredByBackingOff() {
        Corpus sam = TinyCorpus.sam();
        NgramModel model = pruned(sam, 3, "0 0 1");
        int i = sam.vocabulary().id("I");
        int am = sam.vocabulary().id("am");
        NgramState afterI = model.fullScore(model.begin(), i).next();
        assertEquals(2, model.fullScore(afterI, am).matchedOrder(), "<s> I am is pruned: the bigram I am answers");
    }

    @Test
    void thresholdsAreValidatedLikeLmplz() {
        assertFalse(Pruning.parse("").prunes());
        assertEquals(2, Pruning.parse("0 1 2").threshold(5), "the last value applies to higher orders");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pruning.parse("1 1"))
                .getMessage().contains("unigrams cannot be pruned"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pruning.parse("0 2 1"))
                .getMessage().contains("must not decrease"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pruning.parse("0 x"))
                .getMessage().contains("'x' is not a whole number"));
    }

    /** Pruning keeps the model normalised. */
    @Nested
    class PrunedContract extends LanguageModelContract {
        private final Corpus corpus = TinyCorpus.sam();
        private final NgramModel model = pruned(corpus, 4, "0 0 1 1");

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return TinyCorpus.sentences(corpus);
        }
    }
}
