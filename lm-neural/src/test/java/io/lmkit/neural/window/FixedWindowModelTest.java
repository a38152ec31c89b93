package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixed-window model end to end on a small synthetic corpus, on the float64 reference backend. */
class FixedWindowModelTest {

    static final Corpus TRAIN = TinyText.corpus(300, 1);
    static final Corpus VALID = TinyText.corpus(TRAIN.vocabulary(), 60, 2);

    static FixedWindowConfig config(int epochs) {
        return FixedWindowConfig.builder().order(3).embedding(8).hidden(16).direct(true).epochs(epochs).batchSize(16)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01).schedule(LearningRateSchedule.Kind.PLATEAU)
                .patience(3).backend("reference").threads(1).build();
    }

    static LanguageModel train(FixedWindowConfig config, TrainingListener listener) {
        return new FixedWindowProvider().trainer().train(new TrainingData(TRAIN, Optional.of(VALID)), config, 7,
                listener);
    }

    static double perplexity(LanguageModel m, Corpus c) {
        double total = 0;
        for (int s = 0; s < c.sentenceCount(); s++) {
            for (double lp : m.scoreSentence(c.sentence(s))) {
                total += lp;
            }
        }
        return Math.exp(-total / c.tokenCount());
    }

    @Test
    void trainingGetsClearlyBelowTheUnigramPerplexity() {
        List<TrainingEvent> events = new ArrayList<>();
        LanguageModel model = train(config(6), events::add);
        LanguageModel unigram = new UnigramProvider().trainer().train(TrainingData.of(TRAIN),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE);
        double neural = perplexity(model, VALID);
        double baseline = perplexity(unigram, VALID);
        // The grammar leaves about 5 choices after each slot; a unigram model sees ~14 words.
        assertTrue(neural < 0.6 * baseline, "neural " + neural + " against unigram " + baseline);
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Step s && s.gradientNorm() > 0));
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Validated));
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        LanguageModel a = train(config(2), TrainingListener.NONE);
        LanguageModel b = train(config(2), TrainingListener.NONE);
        assertArrayEquals(a.scoreSentence(VALID.sentence(0)), b.scoreSentence(VALID.sentence(0)), 0.0);
    }

    @Test
    void aSavedModelLoadsBackAndScoresTheSame(@TempDir Path dir) {
        FixedWindowConfig config = config(1);
        LanguageModel model = train(config, TrainingListener.NONE);
        Path file = dir.resolve("fw.zip");
        ModelFile.save(file, model, "fixed-window", config, 7, "whitespace", TRAIN.fingerprint());
        PluginRegistry<ModelProvider<?>> registry = new PluginRegistry<>("model", "", List.of(new FixedWindowProvider()));
        LanguageModel back = ModelFile.load(file, registry).model();
        for (int s = 0; s < 5; s++) {
            // Parameters are stored as float32: equal to float precision on the float64 reference backend.
            assertArrayEquals(model.scoreSentence(VALID.sentence(s)), back.scoreSentence(VALID.sentence(s)), 1e-5);
        }
        assertEquals(model.vocabulary(), back.vocabulary());
    }

    /** The LanguageModel contract: normalised to 1e-9, score agrees with the batched path. */
    @Nested
    class Contract extends LanguageModelContract {
        private final LanguageModel model = train(config(1), TrainingListener.NONE);

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return List.of(VALID.sentence(0), VALID.sentence(1), new int[] {0, 0, 2});
        }
    }
}
