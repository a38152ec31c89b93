package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.model.ModelState;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Drawing from explicit followers with backoff gives the model's own next-word distribution. */
class NgramFollowersTest {

    private static final int DRAWS = 200_000;

    @Test
    void drawsFollowTheModelsDistributionAfterEveryContextOfTheSamCorpus() {
        NgramModel model = KneserNey.estimate(NgramCounts.count(TinyCorpus.sam(), 3), KneserNey.Variant.MODIFIED);
        NgramFollowers followers = NgramFollowers.of(model);
        Vocabulary v = model.vocabulary();
        // Contexts of every length: <s>; <s> I (stored); <s> Sam am (am follows Sam only as "I am").
        for (String[] history : new String[][] {{}, {"I"}, {"Sam", "am"}, {"green", "I"}}) {
            int[] context = new int[followers.order() + 1];
            int length = followers.begin(context);
            ModelState state = model.begin();
            for (String word : history) {
                length = followers.advance(context, length, v.id(word));
                state = model.score(state, v.id(word)).next();
            }
            double[] expected = new double[v.size()];
            model.nextLnProbs(state, expected);
            long[] drawn = new long[v.size()];
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < DRAWS; i++) {
                drawn[followers.draw(context, length, random)]++;
            }
            assertEquals(0, drawn[v.bos()], "<s> is never drawn");
            for (int w = 0; w < v.size(); w++) {
                if (w == v.bos()) {
                    continue;
                }
                double p = Math.exp(expected[w]);
                // 5 standard deviations of a frequency from 200,000 draws.
                double tolerance = 5 * Math.sqrt(p * (1 - p) / DRAWS) + 1e-9;
                assertEquals(p, drawn[w] / (double) DRAWS, tolerance,
                        "p(" + v.word(w) + " | " + String.join(" ", history) + ")");
            }
        }
    }

    @Test
    void theContextKeepsTheLongestStoredSuffixOfAtMostOrderMinusOneWords() {
        NgramModel model = KneserNey.estimate(NgramCounts.count(TinyCorpus.sam(), 3), KneserNey.Variant.MODIFIED);
        NgramFollowers followers = NgramFollowers.of(model);
        Vocabulary v = model.vocabulary();
        int[] context = new int[4];
        int length = followers.begin(context);
        length = followers.advance(context, length, v.id("I"));
        assertEquals(2, length, "<s> I is stored");
        length = followers.advance(context, length, v.id("am"));
        assertEquals(2, length, "I am: two words, the most an order-3 model conditions on");
        length = followers.advance(context, length, v.id("green"));
        assertEquals(1, length, "am green was never seen: only green");
        assertEquals(v.id("green"), context[1]);
        assertTrue(followers.order() == 3);
    }
}
