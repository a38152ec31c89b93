package io.lmkit.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceModelsTest {

    /** "I am Sam / Sam I am / I do not like green eggs and ham" with words seen twice or more. */
    static final List<List<String>> SAM = List.of(
            List.of("I", "am", "Sam"),
            List.of("Sam", "I", "am"),
            List.of("I", "do", "not", "like", "green", "eggs", "and", "ham"));
    static final Vocabulary SAM_VOCABULARY = Vocabulary.fromCounts(Map.of("I", 3L, "am", 2L, "Sam", 2L), 1, 10);

    @Test
    void uniformGivesEveryPredictedSymbolTheSameProbability() {
        LanguageModel m = new UniformProvider().trainer().train(TrainingData.of(Corpus.of(SAM_VOCABULARY, SAM)),
                new UniformProvider.Config(), 1, TrainingListener.NONE);
        // Predicted symbols: <unk>, </s>, I, am, Sam.
        assertEquals(Math.log(1.0 / 5), m.score(m.begin(), SAM_VOCABULARY.id("Sam")).lnProb(), 1e-15);
        assertEquals(Math.log(1.0 / 5), m.score(m.begin(), SAM_VOCABULARY.eos()).lnProb(), 1e-15);
    }

    @Test
    void addOneUnigramMatchesTheHandCount() {
        LanguageModel m = new UnigramProvider().trainer().train(TrainingData.of(Corpus.of(SAM_VOCABULARY, SAM)),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE);
        // Predicted tokens: 14 words + 3 </s> = 17; add one to each of the 5 predicted symbols: 22.
        // Counts: I 3, am 2, Sam 2, </s> 3, <unk> 7 (do not like green eggs and ham).
        assertEquals(Math.log(4.0 / 22), m.score(m.begin(), SAM_VOCABULARY.id("I")).lnProb(), 1e-15);
        assertEquals(Math.log(3.0 / 22), m.score(m.begin(), SAM_VOCABULARY.id("Sam")).lnProb(), 1e-15);
        assertEquals(Math.log(4.0 / 22), m.score(m.begin(), SAM_VOCABULARY.eos()).lnProb(), 1e-15);
        assertEquals(Math.log(8.0 / 22), m.score(m.begin(), SAM_VOCABULARY.unk()).lnProb(), 1e-15);
    }

    @Test
    void lidstoneUsesTheConfiguredPseudoCount() {
        LanguageModel m = new UnigramProvider().trainer().train(TrainingData.of(Corpus.of(SAM_VOCABULARY, SAM)),
                new UnigramProvider.Config(0.5), 1, TrainingListener.NONE);
        assertEquals(Math.log(3.5 / 19.5), m.score(m.begin(), SAM_VOCABULARY.id("I")).lnProb(), 1e-15);
    }
}
