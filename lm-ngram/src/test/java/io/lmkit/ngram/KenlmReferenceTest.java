package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lmkit against KenLM's own order-3 modified Kneser-Ney model of brown-v1
 * ({@code shared/data/brown/reference/kenlm-brown-o3.arpa.gz}, made by {@code lmplz -o 3}; in it the
 * protocol's {@code <unk>} is spelled {@code __UNK__} and KenLM's own {@code <unk>} is an extra,
 * never-used word). KenLM's {@code query} gives perplexity 156.9222 on valid and 147.7010 on test.
 */
class KenlmReferenceTest {

    private static BrownSplits brown;
    private static NgramModel kenlm;

    @BeforeAll
    static void load() {
        brown = BrownSplits.prepare(SharedData.require("brown"));
        kenlm = ArpaReader.read(SharedData.require("brown/reference/kenlm-brown-o3.arpa.gz"));
    }

    /** A split re-encoded with the KenLM file's vocabulary, {@code <unk>} spelled {@code __UNK__}. */
    private static Corpus inKenlmVocabulary(BrownSplits.Split split) {
        Corpus c = brown.corpus(split);
        Vocabulary ours = c.vocabulary();
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < c.sentenceCount(); s++) {
            List<String> words = new ArrayList<>();
            for (int id : c.sentence(s)) {
                words.add(id == ours.unk() ? "__UNK__" : ours.word(id));
            }
            sentences.add(words);
        }
        return Corpus.of(kenlm.vocabulary(), sentences);
    }

    @Test
    void readingKenlmsArpaFileReproducesQuerysPerplexities() {
        assertEquals(156.9222, new PerplexityEvaluator().evaluate(kenlm, inKenlmVocabulary(BrownSplits.Split.VALID))
                .perplexity(), 156.9222 * 1e-4);
        assertEquals(147.7010, new PerplexityEvaluator().evaluate(kenlm, inKenlmVocabulary(BrownSplits.Split.TEST))
                .perplexity(), 147.7010 * 1e-4);
    }

    /**
     * With lmplz's counts-of-counts every entry agrees to float32 printing precision. The only
     * systematic difference left is KenLM's extra zero-count {@code <unk>}: its uniform share is
     * spread over 14,116 types where lmkit's is over 14,115, about 3e-5 in log10 at most.
     */
    @Test
    void estimatingOrder3WithLmplzStatisticsReproducesEveryNgramOfKenlmsFile() {
        double[] worst = compareWithKenlm(KneserNey.DiscountStatistics.LMPLZ);
        for (int k = 1; k <= 3; k++) {
            assertTrue(worst[k] < 1e-4, "order " + k + ": largest log10 difference " + worst[k]);
        }
    }

    /**
     * The textbook counts-of-counts move the unigram D1 from lmplz's 0.221814 to 0.222290, which
     * shifts unigrams of continuation count 1 by up to 8e-4 in log10 and everything else by less;
     * the perplexities still agree within 0.05%.
     */
    @Test
    void estimatingOrder3WithTextbookStatisticsDiffersOnlyByTheDiscounts() {
        double[] worst = compareWithKenlm(KneserNey.DiscountStatistics.TEXTBOOK);
        assertTrue(worst[1] < 1e-3, "order 1: " + worst[1]);
        assertTrue(worst[2] < 1e-3, "order 2: " + worst[2]);
        assertTrue(worst[3] < 1e-3, "order 3: " + worst[3]);
    }

    @Test
    void estimatedOrder3PerplexitiesMatchKenlmWithinFiveHundredths() {
        NgramCounts counts = NgramCounts.count(brown.corpus(BrownSplits.Split.TRAIN), 3);
        for (KneserNey.DiscountStatistics statistics : KneserNey.DiscountStatistics.values()) {
            NgramModel ours = KneserNey.estimate(counts, KneserNey.Variant.MODIFIED, statistics);
            assertEquals(156.9222, new PerplexityEvaluator().evaluate(ours, brown.corpus(BrownSplits.Split.VALID))
                    .perplexity(), 156.9222 * 5e-4, statistics.toString());
            assertEquals(147.7010, new PerplexityEvaluator().evaluate(ours, brown.corpus(BrownSplits.Split.TEST))
                    .perplexity(), 147.7010 * 5e-4, statistics.toString());
        }
    }

    /** The largest |log10 difference| of probabilities and backoffs per order, after checking the n-gram sets match. */
    private static double[] compareWithKenlm(KneserNey.DiscountStatistics statistics) {
        NgramModel ours = KneserNey.estimate(NgramCounts.count(brown.corpus(BrownSplits.Split.TRAIN), 3),
                KneserNey.Variant.MODIFIED, statistics);
        Vocabulary kv = kenlm.vocabulary();
        Vocabulary ov = ours.vocabulary();
        int kenlmUnk = kv.unk();
        int[] toOurs = new int[kv.size()];
        for (int id = 0; id < kv.size(); id++) {
            String w = kv.word(id);
            toOurs[id] = w.equals("__UNK__") ? ov.unk() : ov.contains(w) ? ov.id(w) : -1;
        }
        long[] compared = new long[4];
        double[] worst = new double[4];
        for (int k = 1; k <= 3; k++) {
            int order = k;
            kenlm.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                int[] mapped = new int[words.length];
                for (int i = 0; i < words.length; i++) {
                    if (words[i] == kenlmUnk) {
                        return; // KenLM's own zero-count <unk>: lmkit's vocabulary has no such extra word.
                    }
                    mapped[i] = toOurs[words[i]];
                }
                NgramModel.Entry e = ours.entry(mapped).orElseThrow(() -> new AssertionError("lmkit lacks the "
                        + order + "-gram " + java.util.Arrays.toString(words)));
                double dp = Math.abs(e.log10Prob() - log10Prob);
                double db = Math.abs(e.log10Backoff() - log10Backoff);
                worst[order] = Math.max(worst[order], Math.max(dp, db));
                compared[order]++;
            });
        }
        assertEquals(14_116, compared[1], "every unigram but KenLM's own <unk>");
        assertEquals(271_047, compared[2]);
        assertEquals(575_007, compared[3]);
        assertEquals(compared[2], ours.ngramCounts()[1], "no n-gram that KenLM lacks");
        assertEquals(compared[3], ours.ngramCounts()[2], "no n-gram that KenLM lacks");
        return worst;
    }
}
