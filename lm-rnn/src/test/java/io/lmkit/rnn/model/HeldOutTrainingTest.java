package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A recurrent model trained without a validation corpus holds the last 5% of its training
 * sentences out for validation and never trains on them, as the fixed-window model does.
 */
class HeldOutTrainingTest {

    /** 200 sentences: the first 190 are trained on, the last 10 validate. */
    private static final Corpus TRAIN = RecurrentModelTest.TRAIN;

    @Test
    void withoutValidTheLastFivePercentAreValidatedOnAndNotTrainedOn() {
        List<Long> trainedTokens = new ArrayList<>();
        List<Double> validated = new ArrayList<>();
        TrainingListener record = e -> {
            if (e instanceof TrainingEvent.Step s) {
                trainedTokens.add(s.tokensSeen());
            } else if (e instanceof TrainingEvent.Validated v) {
                validated.add(v.validPerplexity());
            }
        };
        LanguageModel without = new LstmProvider().trainer().train(TrainingData.of(TRAIN),
                RecurrentModelTest.config(1), 5, record);

        Corpus first = TRAIN.slice(0, 190);
        Corpus last = TRAIN.slice(190, 200);
        List<Long> splitTokens = new ArrayList<>();
        List<Double> splitValidated = new ArrayList<>();
        LanguageModel split = new LstmProvider().trainer().train(new TrainingData(first, Optional.of(last)),
                RecurrentModelTest.config(1), 5, e -> {
                    if (e instanceof TrainingEvent.Step s) {
                        splitTokens.add(s.tokensSeen());
                    } else if (e instanceof TrainingEvent.Validated v) {
                        splitValidated.add(v.validPerplexity());
                    }
                });

        // One epoch sees the first 190 sentences' tokens as 4 streams (the last n mod 4 dropped), not the 200's.
        assertEquals(first.tokenCount() / 4 * 4, trainedTokens.get(trainedTokens.size() - 1));
        assertEquals(splitTokens, trainedTokens);
        assertEquals(splitValidated, validated);
        assertEquals(RecurrentModelTest.perplexity(split, last), RecurrentModelTest.perplexity(without, last));
    }
}
