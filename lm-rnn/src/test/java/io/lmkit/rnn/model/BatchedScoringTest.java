package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Many sentences scored as one [steps × rows] batch, with the state reset at each {@code <s>},
 * give every sentence exactly the numbers it gets scored on its own: the rows of a batch never mix.
 */
class BatchedScoringTest {

    private static List<int[]> sentences(Corpus corpus) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            out.add(corpus.sentence(s));
        }
        return out;
    }

    @Test
    void aBatchScoresEverySentenceAsScoringItAloneDoesForEveryCellAndBackend() {
        List<int[]> sentences = sentences(RecurrentModelTest.VALID);
        sentences.add(new int[0]);                      // an empty line: </s> only
        for (String backend : new String[] {"reference", "simd"}) {
            for (RecurrentProvider p : new RecurrentProvider[] {new RnnProvider(), new LstmProvider(),
                new GruProvider()}) {
                RecurrentModel model = (RecurrentModel) p.trainer().train(new TrainingData(RecurrentModelTest.TRAIN,
                        Optional.of(RecurrentModelTest.VALID)), ChunkedScoringTest.config(backend), 5,
                        TrainingListener.NONE);
                List<double[]> alone = new ArrayList<>();
                for (int[] sentence : sentences) {
                    alone.add(model.scoreSentence(sentence));
                }
                // The default segments, then segments shorter than most sentences (state carried across them).
                for (int chunk : new int[] {model.chunkRows, 24, 3}) {
                    model.chunkRows = chunk;
                    List<double[]> batched = model.scoreSentences(sentences);
                    assertEquals(sentences.size(), batched.size());
                    for (int s = 0; s < sentences.size(); s++) {
                        assertArrayEquals(alone.get(s), batched.get(s), 0.0,
                                p.name() + " on " + backend + ", sentence " + s + ", segments of " + chunk + " logits rows");
                    }
                }
            }
        }
    }

    @Test
    void packingPutsEachSentenceWholeIntoTheRowWithFewestTokens() {
        var v = RecurrentModelTest.VALID.vocabulary();
        int w = v.eos() + 1;
        int bos = v.bos();
        List<int[]> sentences = List.of(new int[] {w, w, w, w}, new int[] {w}, new int[] {w, w}, new int[] {w});
        SentenceRows rows = SentenceRows.pack(v, sentences, 2);
        assertEquals(2, rows.count());
        // Row 0: sentence 0 (5 steps), then sentence 3 (on the 5–5 tie, the lower row); row 1: sentences 1 and 2.
        assertEquals(7, rows.length());
        assertArrayEquals(new int[] {bos, w, w, w, w, bos, w, /* row 1 */ bos, w, bos, w, w, bos, bos}, rows.inputs);
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, false,
            true, false, true, false, false, true, true}, rows.starts);
        assertEquals(-1, rows.targets[12], "padding is scored by nothing");
        assertEquals(-1, rows.targets[13]);
    }

    @Test
    void scoringDealsTheLongestSentencesFirstSoTheRowsAreNearlyEqualAndLittleIsPadding() {
        var v = RecurrentModelTest.VALID.vocabulary();
        int w = v.eos() + 1;
        int bos = v.bos();
        List<int[]> sentences = List.of(new int[] {w}, new int[] {w}, new int[] {w, w, w, w});
        // In the given order: rows of 2 + 5 and 2 tokens, 7 steps long. Longest first: 5, and 2 + 2.
        assertEquals(7, SentenceRows.pack(v, sentences, 2).length());
        SentenceRows rows = SentenceRows.packLongestFirst(v, sentences, 2);
        assertEquals(5, rows.length());
        assertArrayEquals(new int[] {bos, w, w, w, w, /* row 1 */ bos, w, bos, w, bos}, rows.inputs);
        assertEquals(-1, rows.targets[9], "padding is scored by nothing");
        List<double[]> results = rows.results();
        assertEquals(2, results.get(0).length, "the results keep the given order");
        assertEquals(2, results.get(1).length);
        assertEquals(5, results.get(2).length);
    }
}
