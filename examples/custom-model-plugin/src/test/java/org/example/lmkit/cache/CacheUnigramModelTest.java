package org.example.lmkit.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.PerplexityEvaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheUnigramModelTest {

    static final Vocabulary VOCABULARY = Vocabulary.ofWords(
            List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS, "a", "b", "c", "d"));
    /** 4 sentences: a b a / b c / a a a a d / zebra b (zebra is unknown). */
    static final List<List<String>> TEXT = List.of(List.of("a", "b", "a"), List.of("b", "c"),
            List.of("a", "a", "a", "a", "d"), List.of("zebra", "b"));

    private final CacheUnigramProvider provider = new CacheUnigramProvider();
    private final Corpus corpus = Corpus.of(VOCABULARY, TEXT);

    private CacheUnigramModel train(double lambda, int window, double addK) {
        return (CacheUnigramModel) provider.trainer().train(TrainingData.of(corpus),
                new CacheUnigramProvider.Config(lambda, window, addK), 1, TrainingListener.NONE);
    }

    private static int id(String word) {
        return VOCABULARY.id(word);
    }

    @Test
    void theCacheRaisesTheProbabilityOfAWordSeenInTheSentence() {
        CacheUnigramModel model = train(0.5, 10, 1.0);
        // Counts: a 6, b 3, c 1, d 1, <unk> 1, </s> 4 = 16 tokens; add-one over 6 predicted symbols: /22.
        double pa = 7.0 / 22;
        assertEquals(Math.log(pa), model.score(model.begin(), id("a")).lnProb(), 1e-12);

        ModelState afterABA = model.begin();
        for (String w : List.of("a", "b", "a")) {
            afterABA = model.score(afterABA, id(w)).next();
        }
        assertEquals(Math.log(0.5 * pa + 0.5 * 2.0 / 3), model.score(afterABA, id("a")).lnProb(), 1e-12);
        assertEquals(Math.log(0.5 * 4.0 / 22 + 0.5 * 1.0 / 3), model.score(afterABA, id("b")).lnProb(), 1e-12);
        assertEquals(Math.log(0.5 * 2.0 / 22), model.score(afterABA, id("c")).lnProb(), 1e-12, "not cached");
        assertEquals(Math.log(0.5 * 5.0 / 22), model.score(afterABA, VOCABULARY.eos()).lnProb(), 1e-12);
    }

    @Test
    void theWindowForgetsOlderWordsAndASentenceEndEmptiesTheCache() {
        CacheUnigramModel model = train(0.5, 2, 1.0);
        ModelState state = model.begin();
        for (String w : List.of("c", "a", "b")) {
            state = model.score(state, id(w)).next();
        }
        assertEquals(Math.log(0.5 * 2.0 / 22), model.score(state, id("c")).lnProb(), 1e-12, "c left the window");
        assertEquals(Math.log(0.5 * 7.0 / 22 + 0.5 * 0.5), model.score(state, id("a")).lnProb(), 1e-12);
        assertEquals(model.begin(), model.score(state, VOCABULARY.eos()).next());
    }

    @Test
    void withoutTheCacheItIsLmCoresAddKUnigramModel() {
        CacheUnigramModel cache = train(0, 50, 0.25);
        UnigramModel unigram = new UnigramModel(VOCABULARY, new long[] {1, 0, 4, 6, 3, 1, 1}, 0.25);
        double[] expected = new double[VOCABULARY.size()];
        double[] actual = new double[VOCABULARY.size()];
        ModelState state = cache.score(cache.score(cache.begin(), id("a")).next(), id("b")).next();
        unigram.nextLnProbs(unigram.begin(), expected);
        cache.nextLnProbs(state, actual);
        for (int w = 0; w < expected.length; w++) {
            assertEquals(expected[w], actual[w], 1e-12, VOCABULARY.word(w));
        }
    }

    @Test
    void onTextThatRepeatsItselfTheCacheLowersPerplexity() {
        Corpus test = Corpus.of(VOCABULARY, List.of(List.of("d", "d", "d", "d"), List.of("c", "c", "c")));
        double withCache = new PerplexityEvaluator().evaluate(train(0.5, 50, 1), test).perplexity();
        double without = new PerplexityEvaluator().evaluate(train(0, 50, 1), test).perplexity();
        assertTrue(withCache < without, "with the cache " + withCache + ", without " + without);
    }

    @Test
    void settingsAreValidatedByName() {
        LmkitException e = assertThrows(LmkitException.class,
                () -> ConfigBinder.bind(provider.configType(), provider.defaultConfig(), Map.of("lambda", "1"), "x"));
        assertTrue(String.valueOf(e.getMessage()).contains("lambda"), e.getMessage());
    }

    @Test
    void itIsFoundThroughTheServiceFileAndRoundTripsThroughAModelFile(@TempDir Path dir) {
        PluginRegistry<ModelProvider<?>> models = registry();
        assertTrue(models.contains("cache-unigram"), "registered in META-INF/services: " + models.all());

        CacheUnigramModel model = train(0.3, 5, 0.5);
        Path file = dir.resolve("cache.zip");
        ModelFile.save(file, model, "cache-unigram", new CacheUnigramProvider.Config(0.3, 5, 0.5), 1, "whitespace",
                corpus.fingerprint());
        LanguageModel loaded = ModelFile.load(file, models).model();
        assertEquals(new PerplexityEvaluator().evaluate(model, corpus).perplexity(),
                new PerplexityEvaluator().evaluate(loaded, corpus).perplexity(), 0.0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PluginRegistry<ModelProvider<?>> registry() {
        return (PluginRegistry) PluginRegistry.discover(ModelProvider.class,
                CacheUnigramModelTest.class.getClassLoader(), "model", "");
    }
}
