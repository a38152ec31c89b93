package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.ngram.plugin.AbsoluteDiscountingProvider;
import io.lmkit.ngram.plugin.KatzProvider;
import io.lmkit.ngram.plugin.LaplaceProvider;
import io.lmkit.ngram.plugin.LidstoneProvider;
import io.lmkit.ngram.plugin.MleProvider;
import io.lmkit.ngram.plugin.StupidBackoffProvider;
import io.lmkit.ngram.plugin.WittenBellProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The smoothing plugins: discovery by name, defaults, and config validation. */
class SmoothingPluginsTest {

    @SuppressWarnings("unchecked")
    private static final PluginRegistry<ModelProvider<?>> MODELS = PluginRegistry.discover(
            (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class, SmoothingPluginsTest.class.getClassLoader(),
            "model", "");

    @Test
    void everyMethodIsAPluginFoundByName() {
        for (String name : List.of("witten-bell", "absolute-discounting", "katz", "stupid-backoff", "mle", "laplace",
                "lidstone", "kneser-ney", "modified-kneser-ney")) {
            assertTrue(MODELS.contains(name), name + " in " + MODELS.all());
        }
    }

    @Test
    void countingReportsItsProgressInTokensUpToTheCorpusTotal() {
        // 3,000 sentences: progress comes every 1,024 sentences and once at the end.
        List<List<String>> sentences = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sentences.add(i % 2 == 0 ? List.of("a", "b", "a") : List.of("b", "a"));
        }
        io.lmkit.core.corpus.Corpus corpus = io.lmkit.core.corpus.Corpus.of(
                io.lmkit.core.vocab.Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a", "b")), sentences);
        for (String name : List.of("modified-kneser-ney", "laplace")) {
            List<Long> done = new java.util.ArrayList<>();
            train(MODELS.get(name), corpus, event -> {
                if (event instanceof io.lmkit.core.train.TrainingEvent.Progress p && p.phase().equals("counting")) {
                    done.add(p.done());
                }
            });
            // Sentences 0..1023 hold 512 x 4 + 512 x 3 tokens (words and </s>), and so on.
            assertEquals(List.of(3584L, 7168L, corpus.tokenCount()), done, name);
            assertEquals(10_500L, corpus.tokenCount());
        }
    }

    @Test
    void defaultsAreDefinedOnceInEachProvider() {
        assertEquals(new WittenBellProvider.Config(3), new WittenBellProvider().defaultConfig());
        assertEquals(new AbsoluteDiscountingProvider.Config(3, 0), new AbsoluteDiscountingProvider().defaultConfig());
        assertEquals(new KatzProvider.Config(3, 5), new KatzProvider().defaultConfig());
        assertEquals(new StupidBackoffProvider.Config(3, 0.4), new StupidBackoffProvider().defaultConfig());
        assertEquals(new MleProvider.Config(3), new MleProvider().defaultConfig());
        assertEquals(new LaplaceProvider.Config(3), new LaplaceProvider().defaultConfig());
        assertEquals(new LidstoneProvider.Config(3, 0.5), new LidstoneProvider().defaultConfig());
    }

    @Test
    void badValuesAreRejectedNamingTheValue() {
        rejects(() -> new WittenBellProvider.Config(0), "order", "0");
        rejects(() -> new MleProvider.Config(10), "order", "10");
        rejects(() -> new LaplaceProvider.Config(-1), "order", "-1");
        rejects(() -> new AbsoluteDiscountingProvider.Config(3, 1.5), "discount", "1.5");
        rejects(() -> new AbsoluteDiscountingProvider.Config(3, -0.1), "discount", "-0.1");
        rejects(() -> new AbsoluteDiscountingProvider.Config(3, Double.NaN), "discount", "NaN");
        rejects(() -> new KatzProvider.Config(3, 1), "goodTuringMax", "1");
        rejects(() -> new KatzProvider.Config(3, 1001), "goodTuringMax", "1001");
        rejects(() -> new StupidBackoffProvider.Config(3, 0), "alpha", "0.0");
        rejects(() -> new StupidBackoffProvider.Config(3, 1.2), "alpha", "1.2");
        rejects(() -> new LidstoneProvider.Config(3, 0), "k", "0.0");
        rejects(() -> new LidstoneProvider.Config(3, Double.POSITIVE_INFINITY), "k", "Infinity");
    }

    @Test
    void settingsAreBoundByComponentName() {
        KatzProvider katz = new KatzProvider();
        assertEquals(new KatzProvider.Config(4, 7), ConfigBinder.bind(KatzProvider.Config.class, katz.defaultConfig(),
                Map.of("order", "4", "goodTuringMax", "7"), "model 'katz'"));
        String msg = assertThrows(LmkitException.class, () -> ConfigBinder.bind(LidstoneProvider.Config.class,
                new LidstoneProvider().defaultConfig(), Map.of("alpha", "0.1"), "model 'lidstone'")).getMessage();
        assertTrue(msg.contains("unknown setting 'alpha'") && msg.contains("[order, k]"), msg);
    }

    @Test
    void trainersEstimateTheirMethod() {
        TrainingData data = TrainingData.of(TinyCorpus.abba());
        assertEquals(ScoreKind.SCORE, new StupidBackoffProvider().trainer().train(data,
                new StupidBackoffProvider.Config(2, 0.4), 1, TrainingListener.NONE).scoreKind());
        // Witten-Bell's p(a|<s>) = 21/40 (see WittenBellTest).
        assertEquals(21.0 / 40, Probe.p(new WittenBellProvider().trainer().train(data,
                new WittenBellProvider.Config(2), 1, TrainingListener.NONE), 3), 1e-7);
        // Laplace's p(a|<s>) = 3/7 (see CountModelTest).
        assertEquals(3.0 / 7, Probe.p(new LaplaceProvider().trainer().train(data,
                new LaplaceProvider.Config(2), 1, TrainingListener.NONE), 3), 1e-12);
    }

    private static void rejects(Executable make, String... inMessage) {
        String msg = assertThrows(IllegalArgumentException.class, make).getMessage();
        for (String s : inMessage) {
            assertTrue(msg.contains(s), "'" + s + "' in: " + msg);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> void train(ModelProvider<C> provider, io.lmkit.core.corpus.Corpus corpus,
                                                 TrainingListener listener) {
        provider.trainer().train(TrainingData.of(corpus), provider.defaultConfig(), 1, listener);
    }
}
