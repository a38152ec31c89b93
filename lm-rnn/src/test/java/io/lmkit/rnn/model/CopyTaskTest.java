package io.lmkit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A synthetic copy task: every sentence is a symbol (x or y), 20 fillers, and the same symbol
 * again. Predicting the last word needs the first, 21 steps back, which no n-gram of order below 22
 * can see. An LSTM must learn it.
 */
class CopyTaskTest {

    private static final int GAP = 20;

    private static List<String> sentence(String symbol) {
        List<String> s = new ArrayList<>();
        s.add(symbol);
        for (int i = 0; i < GAP; i++) {
            s.add("f");
        }
        s.add(symbol);
        return s;
    }

    private static Corpus corpus(Vocabulary v, int n, long seed) {
        Random r = new Random(seed);
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sentences.add(sentence(r.nextBoolean() ? "x" : "y"));
        }
        return Corpus.of(v, sentences);
    }

    private static final Vocabulary V = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "f", "x", "y"));

    private static LanguageModel train(int bptt) {
        LstmProvider provider = new LstmProvider();
        // Mikolov's carried-stream setting, in which these numbers were set (sentenceReset is the default now):
        // 23-step segments drift against 24-step sentences, and the test is about how far gradients reach.
        Map<String, String> settings = new java.util.HashMap<>(Map.of("embedding", "8", "hidden", "16", "batchSize",
                "8", "bptt", Integer.toString(bptt), "epochs", "60", "patience", "60", "learningRate", "0.01",
                "schedule", "constant", "backend", "simd", "threads", "1"));
        settings.put("sentenceReset", "false");
        RnnConfig config = ConfigBinder.bind(RnnConfig.class, provider.defaultConfig(), settings, "lstm");
        return provider.trainer().train(new TrainingData(corpus(V, 400, 1), Optional.of(corpus(V, 40, 2))), config, 3,
                TrainingListener.NONE);
    }

    /** P(the first symbol again | the symbol and 20 fillers), for x and for y. */
    private static double[] recall(LanguageModel model) {
        Vocabulary v = V;
        double[] out = new double[2];
        int i = 0;
        for (String symbol : new String[] {"x", "y"}) {
            ModelState state = model.begin();
            for (String w : sentence(symbol).subList(0, GAP + 1)) {
                state = model.score(state, v.id(w)).next();
            }
            double[] lnProbs = new double[v.size()];
            model.nextLnProbs(state, lnProbs);
            out[i++] = Math.exp(lnProbs[v.id(symbol)]);
        }
        return out;
    }

    @Test
    void truncatingBackpropagationBelowTheGapKeepsTheDependencyFromBeingLearned() {
        // The gradient never reaches back 21 steps from a 5-step segment: the model cannot learn to keep the symbol.
        double[] p = recall(train(5));
        assertTrue(Math.min(p[0], p[1]) < 0.9, "P(x) = " + p[0] + ", P(y) = " + p[1]);
    }

    @Test
    void anLstmCarriesTheFirstWordAcrossTwentySteps() {
        double[] p = recall(train(23));
        assertTrue(p[0] > 0.9 && p[1] > 0.9, "P(x | x f…f) = " + p[0] + ", P(y | y f…f) = " + p[1]);
    }
}
