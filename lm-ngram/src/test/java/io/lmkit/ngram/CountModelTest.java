package io.lmkit.ngram;

import static io.lmkit.ngram.Probe.lnP;
import static io.lmkit.ngram.Probe.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.ngram.estimate.CountModels;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.plugin.LaplaceProvider;
import io.lmkit.ngram.plugin.LidstoneProvider;
import io.lmkit.ngram.plugin.MleProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maximum-likelihood, Laplace and Lidstone models on "a b / b a / a b" (|V| = 4 predicted
 * symbols: {@code <unk>}, {@code </s>}, a, b). After {@code <s>}: a ×2, b ×1 (c = 3); after a:
 * b ×2, {@code </s>} ×1; after b: {@code </s>} ×2, a ×1. Unigrams: a, b, {@code </s>} 3 each of 9.
 */
class CountModelTest {

    private static final int UNK = 0;
    private static final int EOS = 2;
    private static final int A = 3;
    private static final int B = 4;

    private final Corpus abba = TinyCorpus.abba();

    private CountModel model(int order, CountModel.Smoothing smoothing) {
        return CountModels.estimate(NgramCounts.count(abba, order), smoothing);
    }

    @Test
    void laplaceAddsOneToEveryCount() {
        CountModel m = model(2, CountModel.Smoothing.additive(1));
        // p(w|<s>) = (c(<s> w) + 1)/(3 + 4): a 3/7, b 2/7, </s> 1/7, <unk> 1/7.
        assertEquals(3.0 / 7, p(m, A), 1e-12);
        assertEquals(2.0 / 7, p(m, B), 1e-12);
        assertEquals(1.0 / 7, p(m, EOS), 1e-12);
        assertEquals(1.0 / 7, p(m, UNK), 1e-12);
        // Order 1: p(a) = (3 + 1)/(9 + 4) = 4/13.
        assertEquals(4.0 / 13, p(model(1, CountModel.Smoothing.additive(1)), A), 1e-12);
    }

    @Test
    void lidstoneAddsKToEveryCount() {
        CountModel m = model(2, CountModel.Smoothing.additive(0.5));
        // p(w|<s>) = (c(<s> w) + 0.5)/(3 + 0.5·4): a 2.5/5, b 1.5/5, </s> 0.5/5.
        assertEquals(0.5, p(m, A), 1e-12);
        assertEquals(0.3, p(m, B), 1e-12);
        assertEquals(0.1, p(m, EOS), 1e-12);
        // p(</s>|b) = (2 + 0.5)/5 = 1/2.
        assertEquals(0.5, p(m, B, EOS), 1e-12);
    }

    @Test
    void anUnseenFullContextGivesTheUniformDistribution() {
        CountModel m = model(3, CountModel.Smoothing.additive(0.5));
        // "b b" never occurred, so c(b b ·) = 0 and every word gets (0 + k)/(0 + 4k) = 1/4.
        assertEquals(0.25, p(m, B, B, A), 1e-12);
        assertEquals(0.25, p(m, B, B, EOS), 1e-12);
        // "<s> a" is seen (b ×2): p(b|<s> a) = (2 + 0.5)/(2 + 2) = 5/8.
        assertEquals(5.0 / 8, p(m, A, B), 1e-12);
    }

    @Test
    void maximumLikelihoodUsesTheLongestSeenContext() {
        CountModel m = model(3, CountModel.Smoothing.maximumLikelihood());
        // p(b|<s> a) = 2/2; p(a|<s>) = 2/3.
        assertEquals(1.0, p(m, A, B), 1e-12);
        assertEquals(2.0 / 3, p(m, A), 1e-12);
        // "b b" never occurred: back off to the context b, p(a|b) = 1/3, p(</s>|b) = 2/3.
        assertEquals(1.0 / 3, p(m, B, B, A), 1e-12);
        assertEquals(2.0 / 3, p(m, B, B, EOS), 1e-12);
        // An event never seen in a seen context has probability 0, not NaN.
        assertEquals(Double.NEGATIVE_INFINITY, lnP(m, A, A));
        assertEquals(Double.NEGATIVE_INFINITY, lnP(m, UNK));
        // Order 1: p(a) = 3/9.
        assertEquals(1.0 / 3, p(model(1, CountModel.Smoothing.maximumLikelihood()), A), 1e-12);
    }

    @Test
    void maximumLikelihoodHasInfinitePerplexityOnAnUnseenBigram() {
        CountModel m = model(2, CountModel.Smoothing.maximumLikelihood());
        // "a a b": p(a|<s>) = 2/3, p(a|a) = 0 (a is followed only by b and </s>), p(b|a) = 2/3, p(</s>|b) = 2/3.
        Corpus text = Corpus.of(abba.vocabulary(), List.of(List.of("a", "a", "b"), List.of("a", "b")));
        PerplexityResult r = new PerplexityEvaluator().evaluate(m, text);
        assertEquals(Double.POSITIVE_INFINITY, r.perplexity());
        assertEquals(1, r.zeroProbabilityTokens());
        assertEquals(7, r.tokens());
        // The sentence without the unseen bigram keeps its probability: 2/3 · 2/3 · 2/3.
        assertEquals(Math.log(8.0 / 27), r.sentenceLnProbs()[1], 1e-12);
    }

    @Test
    void additiveSmoothingNeedsAPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> CountModel.Smoothing.additive(0));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new CountModel.Smoothing(CountModel.Method.MAXIMUM_LIKELIHOOD, 1)).getMessage();
        assertTrue(msg.contains("1.0"), msg);
    }

    @Test
    void aSavedCountModelLoadsBackAndScoresIdentically(@TempDir Path dir) {
        Corpus sam = TinyCorpus.sam();
        LidstoneProvider provider = new LidstoneProvider();
        LidstoneProvider.Config config = new LidstoneProvider.Config(3, 0.25);
        LanguageModel trained = provider.trainer().train(TrainingData.of(sam), config, 1, TrainingListener.NONE);
        Path file = dir.resolve("lidstone.zip");
        ModelFile.save(file, trained, provider.name(), config, 1, "whitespace", sam.fingerprint());
        PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "",
                List.of(provider, new LaplaceProvider(), new MleProvider()));
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        assertTrue(loaded.model() instanceof CountModel, loaded.model().getClass().getName());
        assertEquals(config.k(), ((CountModel) loaded.model()).smoothing().k());
        List<int[]> probes = Probe.withUnseenContinuation(sam);
        for (int[] sentence : probes) {
            assertArrayEquals(trained.scoreSentence(sentence), loaded.model().scoreSentence(sentence));
        }
    }
}
