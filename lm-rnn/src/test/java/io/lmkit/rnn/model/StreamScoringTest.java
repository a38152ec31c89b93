package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.eval.ScoringProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stream protocol for recurrent models: the state runs on from sentence to sentence ({@code </s>}
 * predicted, then the boundary input {@code <s>} with no reset), batched in contiguous parts, with
 * the numbers of a one-token-at-a-time walk of the state API over the stream.
 */
class StreamScoringTest {

    private static List<int[]> sentences(Corpus corpus) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            out.add(corpus.sentence(s));
        }
        return out;
    }

    /** The state API over the stream: begin(), every word and </s>, nextSentence() between sentences. */
    static List<double[]> walk(LanguageModel model, List<int[]> sentences) {
        List<double[]> out = new ArrayList<>();
        ModelState state = model.begin();
        for (int s = 0; s < sentences.size(); s++) {
            int[] words = sentences.get(s);
            double[] lnProbs = new double[words.length + 1];
            for (int i = 0; i < words.length; i++) {
                Score score = model.score(state, words[i]);
                lnProbs[i] = score.lnProb();
                state = score.next();
            }
            lnProbs[words.length] = model.score(state, model.vocabulary().eos()).lnProb();
            state = model.nextSentence(state);
            out.add(lnProbs);
        }
        return out;
    }

    private static RecurrentModel carriedStateModel(RecurrentProvider provider) {
        return (RecurrentModel) provider.trainer().train(new TrainingData(RecurrentModelTest.TRAIN,
                Optional.of(RecurrentModelTest.VALID)), ChunkedScoringTest.config("reference"), 5, TrainingListener.NONE);
    }

    private static void assertClose(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int s = 0; s < expected.size(); s++) {
            for (int i = 0; i < expected.get(s).length; i++) {
                double e = expected.get(s)[i];
                assertEquals(e, actual.get(s)[i], 1e-9 * Math.abs(e), what + ", sentence " + s + ", token " + i);
            }
        }
    }

    @Test
    void batchedStreamScoringEqualsAStateApiWalkOverTheStreamForEveryCell() {
        List<int[]> sentences = sentences(RecurrentModelTest.VALID);
        sentences.add(3, new int[0]);                      // an empty line: </s>, then the boundary again
        for (RecurrentProvider p : new RecurrentProvider[] {new RnnProvider(), new LstmProvider(), new GruProvider()}) {
            RecurrentModel model = carriedStateModel(p);
            List<double[]> walked = walk(model, sentences);
            // One part in segments of the default length and of 5 steps (state carried across segments).
            for (int chunk : new int[] {model.chunkRows, 5}) {
                model.chunkRows = chunk;
                assertClose(walked, model.scoreStream(sentences), p.name() + ", segments of " + chunk);
            }
            // Three parts side by side, each warmed up from the stream's start: the same numbers again.
            model.streamParts = 3;
            model.warmupTokens = Integer.MAX_VALUE;
            model.chunkRows = 12;
            assertClose(walked, model.scoreStream(sentences), p.name() + ", 3 parts");
        }
    }

    @Test
    void partsAfterTheFirstStartFromZeroAfterAWarmUpAndTheFirstPartIsExact() {
        RecurrentModel model = carriedStateModel(new LstmProvider());
        List<int[]> sentences = sentences(RecurrentModelTest.VALID);
        List<double[]> walked = walk(model, sentences);
        model.streamParts = 2;
        model.warmupTokens = 4;
        List<double[]> parted = model.scoreStream(sentences);
        // The first sentence lies in part 0: exact. The stream's last sentence lies in part 1, whose state
        // started from zero four tokens before the part: close to the walk, as the context fades, not equal.
        assertArrayEquals(walked.get(0), parted.get(0), 1e-9 * Math.abs(walked.get(0)[0]));
        double[] last = walked.get(walked.size() - 1);
        double[] lastParted = parted.get(parted.size() - 1);
        for (int i = 0; i < last.length; i++) {
            assertEquals(last[i], lastParted[i], 0.05 * Math.abs(last[i]) + 1e-3, "token " + i);
        }
        assertEquals(2, StreamRows.parts(4_000, 50));
        assertEquals(1, StreamRows.parts(1_999, 50));
        assertEquals(50, StreamRows.parts(10_000_000, 50));
    }

    @Test
    void streamAndSentenceProtocolsGiveDifferentNumbersForACarriedStateModel() {
        RecurrentModel model = carriedStateModel(new LstmProvider());
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        PerplexityResult sentence = evaluator.evaluate(model, RecurrentModelTest.VALID, ScoringProtocol.SENTENCE);
        PerplexityResult stream = evaluator.evaluate(model, RecurrentModelTest.VALID, ScoringProtocol.STREAM);
        assertEquals(sentence.tokens(), stream.tokens(), "the same tokens are predicted either way");
        assertNotEquals(sentence.perplexity(), stream.perplexity());
        // Only the context differs: the first sentence starts the stream, so it scores the same.
        assertEquals(sentence.sentenceLnProbs()[0], stream.sentenceLnProbs()[0], 1e-9);
        assertNotEquals(sentence.sentenceLnProbs()[1], stream.sentenceLnProbs()[1]);
        assertTrue(model.carriesContext());
        assertEquals("stream", ScoringProtocol.STREAM.label(model));
        assertEquals("sentence", ScoringProtocol.SENTENCE.label(model));
    }
}
