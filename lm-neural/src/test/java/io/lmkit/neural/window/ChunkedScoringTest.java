package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lmkit.core.testkit.SmallHeapScoring;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.output.OutputClasses;
import io.lmkit.neural.output.ScoringChunks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sentence is scored in chunks of at most {@link ScoringChunks#BYTES_PER_CHUNK} of logits: the
 * numbers are those of one batch, and a 40,000-word line scores in a small heap (in one batch its
 * logits alone would take 1.6 GB).
 */
class ChunkedScoringTest {

    @Test
    void smallChunksGiveBitIdenticalScoresToOneBatch() {
        for (String backend : new String[] {"reference", "simd"}) {
            FixedWindowConfig c = FixedWindowConfig.builder().order(4).embedding(8).hidden(16).direct(true).epochs(1)
                    .batchSize(16).optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01)
                    .schedule(LearningRateSchedule.Kind.CONSTANT).patience(3).backend(backend).threads(1).build();
            FixedWindowModel model = (FixedWindowModel) new FixedWindowProvider().trainer().train(new TrainingData(
                    FixedWindowModelTest.TRAIN, Optional.of(FixedWindowModelTest.VALID)), c, 7, TrainingListener.NONE);
            for (int s = 0; s < 20; s++) {
                int[] sentence = FixedWindowModelTest.VALID.sentence(s);
                model.chunkRows = Integer.MAX_VALUE;
                double[] oneBatch = model.scoreSentence(sentence);
                for (int rows : new int[] {1, 2, 3}) {
                    model.chunkRows = rows;
                    assertArrayEquals(oneBatch, model.scoreSentence(sentence), 0.0, backend + ", chunks of " + rows);
                }
            }
        }
    }

    @Test
    void sentencesScoredTogetherGetTheNumbersEachGetsAlone() {
        for (String backend : new String[] {"reference", "simd"}) {
            FixedWindowConfig c = FixedWindowConfig.builder().order(4).embedding(8).hidden(16).direct(true).epochs(1)
                    .batchSize(16).optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01)
                    .schedule(LearningRateSchedule.Kind.CONSTANT).patience(3).backend(backend).threads(1).build();
            FixedWindowModel model = (FixedWindowModel) new FixedWindowProvider().trainer().train(new TrainingData(
                    FixedWindowModelTest.TRAIN, Optional.of(FixedWindowModelTest.VALID)), c, 7, TrainingListener.NONE);
            java.util.List<int[]> sentences = new java.util.ArrayList<>();
            for (int s = 0; s < FixedWindowModelTest.VALID.sentenceCount(); s++) {
                sentences.add(FixedWindowModelTest.VALID.sentence(s));
            }
            sentences.add(new int[0]);
            java.util.List<double[]> alone = new java.util.ArrayList<>();
            for (int[] sentence : sentences) {
                alone.add(model.scoreSentence(sentence));
            }
            // One pass for all, then passes that end mid-sentence.
            for (int rows : new int[] {Integer.MAX_VALUE / 4, 7, 1}) {
                model.chunkRows = rows;
                java.util.List<double[]> together = model.scoreSentences(sentences);
                for (int s = 0; s < sentences.size(); s++) {
                    assertArrayEquals(alone.get(s), together.get(s), 0.0, backend + ", sentence " + s + ", passes of " + rows);
                }
            }
        }
    }

    @Test
    void aFortyThousandWordLineScoresInASmallHeap() throws IOException, InterruptedException {
        SmallHeapScoring.assertScoresInHeap(ChunkedScoringTest.class, "96m", 40_001);
    }

    /**
     * The child JVM (-Xmx96m): a model with 5,000 output classes scores a 40,000-word line; prints
     * the number of scores and their sum.
     */
    public static void main(String[] args) {
        int words = 5_000;
        List<String> list = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        for (int i = 0; i < words; i++) {
            list.add("w" + i);
        }
        Vocabulary v = Vocabulary.ofWords(list);
        FixedWindowConfig c = FixedWindowConfig.builder().order(3).embedding(2).hidden(2).epochs(1).batchSize(16)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01).schedule(LearningRateSchedule.Kind.CONSTANT)
                .patience(3).backend("reference").threads(1).build();
        FixedWindowModel model = new FixedWindowModel(v, new FixedWindowNetwork(new ReferenceBackend(), v.size(),
                OutputClasses.count(v), c, 1), 2);
        SplittableRandom random = new SplittableRandom(3);
        int[] sentence = new int[40_000];
        for (int i = 0; i < sentence.length; i++) {
            sentence[i] = v.id("w" + random.nextInt(words));
        }
        double total = 0;
        // As the evaluator scores it: a block of sentences, here one very long one.
        double[] scores = model.scoreSentences(List.of(sentence)).get(0);
        for (double lnP : scores) {
            total += lnP;
        }
        System.out.println(scores.length + " " + total);
    }
}
