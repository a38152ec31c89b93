package io.lmkit.transformer.model;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** A seeded template grammar ("the cat sat on the mat .") and a tiny Transformer on the reference backend. */
final class Tiny {

    static final Corpus TRAIN = corpus(null, 200, 1);
    static final Corpus VALID = corpus(TRAIN.vocabulary(), 40, 2);

    private Tiny() {
    }

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

    /** Context 6: the 8 positions of a sentence (with {@code <s>}) already slide the window. */
    static TransformerConfig.Builder config(int epochs) {
        return TransformerConfig.builder().layers(2).heads(2).model(8).feedForward(16).context(6).initScale(0.3)
                .dropout(0.05).attentionDropout(0.05).batchSize(8).epochs(epochs).warmupSteps(5)
                .optimizer(OptimizerConfig.Kind.ADAMW).learningRate(0.02).schedule(LearningRateSchedule.Kind.COSINE)
                .patience(3).backend("reference").threads(1);
    }

    static LanguageModel train(TransformerConfig config) {
        return new TransformerProvider().trainer().train(new TrainingData(TRAIN, Optional.of(VALID)), config, 5,
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
}
