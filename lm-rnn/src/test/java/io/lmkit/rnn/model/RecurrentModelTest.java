package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recurrent models end to end on a small synthetic corpus, on the float64 reference backend. */
class RecurrentModelTest {

    static final Corpus TRAIN = corpus(null, 200, 1);
    static final Corpus VALID = corpus(TRAIN.vocabulary(), 40, 2);

    /** "the cat sat on the mat ." style sentences from a seeded template grammar. */
    static Corpus corpus(Vocabulary vocabulary, int sentences, long seed) {
        String[] a = {"the cat", "the dog", "a bird", "my friend"};
        String[] b = {"sat on", "looked at", "walked to"};
        String[] c = {"the mat", "the door", "a tree"};
        Random r = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < sentences; i++) {
            List<String> words = List.of((a[r.nextInt(a.length)] + " " + b[r.nextInt(b.length)] + " "
                    + c[r.nextInt(c.length)] + " .").split(" "));
            words.forEach(w -> counts.merge(w, 1L, Long::sum));
            out.add(words);
        }
        return Corpus.of(vocabulary != null ? vocabulary : Vocabulary.fromCounts(counts, 1, 100), out);
    }

    static RnnConfig config(int epochs) {
        return RnnConfig.builder().embedding(8).hidden(12).initScale(0.2).batchSize(4).bptt(6).epochs(epochs)
                .optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.02).schedule(LearningRateSchedule.Kind.PLATEAU)
                .patience(3).backend("reference").threads(1).sentenceReset(false).build();
    }

    static LanguageModel train(RecurrentProvider provider, int epochs) {
        return provider.trainer().train(new TrainingData(TRAIN, Optional.of(VALID)), config(epochs), 5,
                TrainingListener.NONE);
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
    void everyCellLearnsTheGrammarFarBeyondAUnigram() {
        double unigram = perplexity(new UnigramProvider().trainer().train(TrainingData.of(TRAIN),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE), VALID);
        for (RecurrentProvider p : new RecurrentProvider[] {new RnnProvider(), new LstmProvider(), new GruProvider()}) {
            double ppl = perplexity(train(p, 8), VALID);
            assertTrue(ppl < 0.5 * unigram, p.name() + ": " + ppl + " against the unigram's " + unigram);
        }
    }

    @Test
    void aSavedModelLoadsBackAndScoresTheSame(@TempDir Path dir) {
        LstmProvider provider = new LstmProvider();
        LanguageModel model = train(provider, 1);
        Path file = dir.resolve("lstm.zip");
        ModelFile.save(file, model, "lstm", config(1), 5, "whitespace", TRAIN.fingerprint());
        LanguageModel back = ModelFile.load(file, new PluginRegistry<ModelProvider<?>>("model", "",
                List.of(provider))).model();
        assertArrayEquals(model.scoreSentence(VALID.sentence(0)), back.scoreSentence(VALID.sentence(0)), 1e-5);
    }

    abstract static class Contract extends LanguageModelContract {
        private final LanguageModel model;

        Contract(RecurrentProvider provider) {
            this.model = train(provider, 1);
        }

        Contract(LanguageModel model) {
            this.model = model;
        }

        @Override
        protected LanguageModel model() {
            return model;
        }

        @Override
        protected List<int[]> probeSentences() {
            return List.of(VALID.sentence(0), new int[] {0, 3, 0});
        }
    }

    @Nested
    class RnnContract extends Contract {
        RnnContract() {
            super(new RnnProvider());
        }
    }

    @Nested
    class LstmContract extends Contract {
        LstmContract() {
            super(new LstmProvider());
        }
    }

    /** An LSTM whose output weights are its input embeddings. */
    @Nested
    class TiedLstmContract extends Contract {
        TiedLstmContract() {
            super(new LstmProvider().trainer().train(new TrainingData(TRAIN, Optional.of(VALID)),
                    RnnConfig.builder().embedding(12).hidden(12).tied(true).initScale(0.2).batchSize(4).bptt(6)
                            .epochs(1).optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.02)
                            .schedule(LearningRateSchedule.Kind.PLATEAU).patience(3).backend("reference").threads(1)
                            .sentenceReset(false).build(), 5, TrainingListener.NONE));
        }
    }

    @Nested
    class GruContract extends Contract {
        GruContract() {
            super(new GruProvider());
        }
    }
}
