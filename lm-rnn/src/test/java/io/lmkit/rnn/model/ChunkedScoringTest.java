package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lmkit.core.testkit.SmallHeapScoring;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.output.OutputClasses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sentence is scored as segments of a bounded number of steps, each starting from the state the
 * last one ended in: the numbers are those of one segment, and a 40,000-word line scores in a
 * small heap (as one segment its logits alone would take 1.6 GB).
 */
class ChunkedScoringTest {

    static RnnConfig config(String backend) {
        return RnnConfig.builder().embedding(8).hidden(12).layers(2).initScale(0.2).batchSize(4).bptt(6).epochs(1)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.02).schedule(LearningRateSchedule.Kind.CONSTANT)
                .patience(3).backend(backend).threads(1).sentenceReset(false).build();
    }

    @Test
    void smallChunksGiveBitIdenticalScoresToOneSegmentForEveryCell() {
        for (String backend : new String[] {"reference", "simd"}) {
            for (RecurrentProvider p : new RecurrentProvider[] {new RnnProvider(), new LstmProvider(),
                new GruProvider()}) {
                RecurrentModel model = (RecurrentModel) p.trainer().train(new TrainingData(RecurrentModelTest.TRAIN,
                        Optional.of(RecurrentModelTest.VALID)), config(backend), 5, TrainingListener.NONE);
                for (int s = 0; s < 10; s++) {
                    int[] sentence = RecurrentModelTest.VALID.sentence(s);
                    model.chunkRows = Integer.MAX_VALUE;
                    double[] oneSegment = model.scoreSentence(sentence);
                    for (int steps : new int[] {1, 2, 3}) {
                        model.chunkRows = steps;
                        assertArrayEquals(oneSegment, model.scoreSentence(sentence), 0.0,
                                p.name() + " on " + backend + ", segments of " + steps);
                    }
                }
            }
        }
    }

    @Test
    void aFortyThousandWordLineScoresInASmallHeap() throws IOException, InterruptedException {
        SmallHeapScoring.assertScoresInHeap(ChunkedScoringTest.class, "96m", 40_001);
    }

    /**
     * The child JVM (-Xmx96m): an LSTM with 5,000 output classes scores a 40,000-word line; prints
     * the number of scores and their sum.
     */
    public static void main(String[] args) {
        int words = 5_000;
        List<String> list = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        for (int i = 0; i < words; i++) {
            list.add("w" + i);
        }
        Vocabulary v = Vocabulary.ofWords(list);
        RnnConfig c = RnnConfig.builder().embedding(2).hidden(2).initScale(0.2).batchSize(1).bptt(6).epochs(1)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.02).schedule(LearningRateSchedule.Kind.CONSTANT)
                .patience(3).backend("reference").threads(1).sentenceReset(false).build();
        RecurrentModel model = new RecurrentModel(v, new RecurrentNetwork(new ReferenceBackend(), CellKind.LSTM,
                v.size(), OutputClasses.count(v), c, 1));
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
