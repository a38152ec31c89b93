package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stream protocol for the fixed-window model: the window runs on across sentence boundaries,
 * so a sentence's first words see the last words of the one before and the boundary {@code <s>}.
 */
class StreamScoringTest {

    private static FixedWindowModel model() {
        FixedWindowConfig c = FixedWindowConfig.builder().order(4).embedding(8).hidden(16).epochs(1).batchSize(16)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01).schedule(LearningRateSchedule.Kind.CONSTANT)
                .patience(3).backend("reference").threads(1).build();
        return (FixedWindowModel) new FixedWindowProvider().trainer().train(new TrainingData(
                FixedWindowModelTest.TRAIN, Optional.of(FixedWindowModelTest.VALID)), c, 7, TrainingListener.NONE);
    }

    @Test
    void batchedStreamScoringEqualsAStateApiWalkOverTheStream() {
        FixedWindowModel model = model();
        List<int[]> sentences = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            sentences.add(FixedWindowModelTest.VALID.sentence(s));
        }
        sentences.add(2, new int[0]);
        List<double[]> walked = new ArrayList<>();
        ModelState state = model.begin();
        for (int[] words : sentences) {
            double[] lnProbs = new double[words.length + 1];
            for (int i = 0; i < words.length; i++) {
                Score s = model.score(state, words[i]);
                lnProbs[i] = s.lnProb();
                state = s.next();
            }
            lnProbs[words.length] = model.score(state, model.vocabulary().eos()).lnProb();
            state = model.nextSentence(state);
            walked.add(lnProbs);
        }
        for (int rows : new int[] {model.chunkRows, 7}) {
            model.chunkRows = rows;
            List<double[]> stream = model.scoreStream(sentences);
            for (int s = 0; s < sentences.size(); s++) {
                double[] w = walked.get(s);
                for (int i = 0; i < w.length; i++) {
                    assertEquals(w[i], stream.get(s)[i], 1e-9 * Math.abs(w[i]), "sentence " + s + ", token " + i);
                }
            }
        }
        // The first sentence starts the stream from a window of <s>: as scored alone. The next one does not.
        List<double[]> alone = model.scoreSentences(sentences);
        assertArrayEquals(alone.get(0), walked.get(0), 1e-9);
        assertFalse(Arrays.equals(alone.get(1), walked.get(1)));
        assertTrue(model.carriesContext());
    }

    @Test
    void theNextSentenceSeesThePreviousWordsThenTheBoundary() {
        FixedWindowModel model = model();
        int bos = model.vocabulary().bos();
        WindowState afterTwoWords = ((WindowState) model.begin()).then(5).then(6);
        assertArrayEquals(new int[] {5, 6, bos}, ((WindowState) model.nextSentence(afterTwoWords)).window);
    }
}
