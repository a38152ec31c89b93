package io.lmkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 3L, "b", 2L, "c", 1L), 1, 10);

    /** After any word: a 0.5, b 0.3, c 0.15, </s> 0.05, <unk> 0. */
    private static final LanguageModel MODEL = fixed(new double[] {0, 0, 0.05, 0.5, 0.3, 0.15});

    /** After any word: <unk> 0.5, a 0.25, b 0.15, </s> 0.05, c 0.05; without <unk>: a 0.5, b 0.3, </s> and c 0.1. */
    private static final LanguageModel UNK_HEAVY = fixed(new double[] {0.5, 0, 0.05, 0.25, 0.15, 0.05});

    /** A model whose next-word distribution is {@code p} (by id: <unk>, <s>, </s>, a, b, c) after any context. */
    private static LanguageModel fixed(double[] p) {
        return new LanguageModel() {
            @Override
            public Vocabulary vocabulary() {
                return V;
            }

            @Override
            public ModelState begin() {
                return new ModelState() { };
            }

            @Override
            public Score score(ModelState state, int word) {
                return new Score(Math.log(p[word]), state);
            }

            @Override
            public void nextLnProbs(ModelState state, double[] lnProbs) {
                for (int i = 0; i < p.length; i++) {
                    lnProbs[i] = Math.log(p[i]);
                }
            }

            @Override
            public void writeData(ModelDataSink sink) {
            }
        };
    }

    @Test
    void greedyAlwaysTakesTheMostProbableWord() {
        List<Integer> words = new Sampler(MODEL).generate(new int[0], new Sampler.Settings(1, 0, 1, 5, true, 1));
        assertEquals(List.of(3, 3, 3, 3, 3), words);
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother() {
        Sampler s = new Sampler(MODEL);
        List<Integer> a = s.generate(new int[] {4}, new Sampler.Settings(1, 0, 1, 30, false, 7));
        assertEquals(a, s.generate(new int[] {4}, new Sampler.Settings(1, 0, 1, 30, false, 7)));
        assertNotEquals(a, s.generate(new int[] {4}, new Sampler.Settings(1, 0, 1, 30, false, 8)));
    }

    @Test
    void topKAndTopPCutTheTail() {
        Sampler s = new Sampler(MODEL);
        for (long seed = 0; seed < 20; seed++) {
            for (int w : s.generate(new int[0], new Sampler.Settings(1, 2, 1, 20, false, seed))) {
                assertTrue(w == 3 || w == 4, "top-2 keeps a and b");
            }
            for (int w : s.generate(new int[0], new Sampler.Settings(1, 0, 0.5, 20, false, seed))) {
                assertEquals(3, w, "the 0.5 nucleus is a alone");
            }
        }
    }

    @Test
    void samplingFollowsTheDistributionAndStopsAtEndOfSentence() {
        int[] counts = new int[6];
        int sentences = 0;
        for (long seed = 0; seed < 400; seed++) {
            List<Integer> words = new Sampler(MODEL).generate(new int[0], new Sampler.Settings(1, 0, 1, 200, false, seed));
            words.forEach(w -> counts[w]++);
            sentences++;
        }
        int total = counts[3] + counts[4] + counts[5];
        // Sentences end with probability 0.05 per word: about 19 words each on average.
        assertTrue(total > sentences * 12 && total < sentences * 30, "total " + total);
        assertEquals(0.5 / 0.95, (double) counts[3] / total, 0.03);
        assertEquals(0, counts[0] + counts[1], "<unk> had probability 0 and <s> is never generated");
    }

    @Test
    void unkIsNeverGeneratedUnlessAllowed() {
        Sampler s = new Sampler(UNK_HEAVY);
        assertEquals(List.of(3, 3, 3), s.generate(new int[0], new Sampler.Settings(1, 0, 1, 3, true, 1)));
        assertEquals(List.of(0, 0, 0), s.generate(new int[0], new Sampler.Settings(1, 0, 1, 3, true, 1, true)));
        for (long seed = 0; seed < 50; seed++) {
            assertTrue(!s.generate(new int[0], new Sampler.Settings(1, 0, 1, 20, false, seed)).contains(0), "seed " + seed);
        }
    }

    @Test
    void withoutUnkTheOtherWordsAreRenormalised() {
        // Renormalised, a alone holds 0.5: the 0.5 nucleus is a. Unrenormalised (0.25) it would also take b.
        Sampler s = new Sampler(UNK_HEAVY);
        for (long seed = 0; seed < 20; seed++) {
            for (int w : s.generate(new int[0], new Sampler.Settings(1, 0, 0.5, 20, false, seed))) {
                assertEquals(3, w, "the 0.5 nucleus of the words without <unk> is a alone");
            }
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(0, 0, 1, 5, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(1, 0, 0, 5, false, 1));
        assertEquals(1, Corpus.of(V, List.of(List.of("a"))).sentenceCount());
    }
}
