package io.lmkit.transformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.inspect.AttentionMaps;
import io.lmkit.transformer.block.Positions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Transformer end to end on a small synthetic corpus, on the float64 reference backend. */
class TransformerModelTest {

    private static final TransformerModel TRAINED = (TransformerModel) Tiny.train(Tiny.config(6).build());

    /** A sentence of 13 words: 14 positions slide a window of 6 three times. */
    private static final int[] LONG = concat(Tiny.VALID.sentence(0), Tiny.VALID.sentence(1));

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void itLearnsTheGrammarFarBeyondAUnigram() {
        double unigram = Tiny.perplexity(new UnigramProvider().trainer().train(TrainingData.of(Tiny.TRAIN),
                new UnigramProvider.Config(1.0), 1, TrainingListener.NONE), Tiny.VALID);
        double ppl = Tiny.perplexity(TRAINED, Tiny.VALID);
        assertTrue(ppl < 0.5 * unigram, ppl + " against the unigram's " + unigram);
    }

    @Test
    void batchedScoringEqualsScoringOneSentenceAtATime() {
        List<int[]> sentences = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            sentences.add(Tiny.VALID.sentence(s));
        }
        sentences.add(LONG);
        sentences.add(new int[0]);
        List<double[]> batched = TRAINED.scoreSentences(sentences);
        for (int s = 0; s < sentences.size(); s++) {
            double[] alone = TRAINED.scoreSentence(sentences.get(s));
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], batched.get(s)[i], 1e-9 * Math.abs(alone[i]), "sentence " + s + ", token " + i);
            }
        }
    }

    @Test
    void twoWordsAfterOneStateEachContinueAsAFreshWalkWould() {
        ModelState after3 = TRAINED.begin();
        for (int i = 0; i < 3; i++) {
            after3 = TRAINED.score(after3, LONG[i]).next();
        }
        ModelState a = TRAINED.score(after3, LONG[3]).next();      // extends the shared cache in place
        ModelState b = TRAINED.score(after3, LONG[5]).next();      // a branch: copies the cache first
        assertSame(((TransformerState) after3).storage, ((TransformerState) a).storage, "one line of reading shares");
        assertNotSame(((TransformerState) after3).storage, ((TransformerState) b).storage, "a branch copies");
        int[] wordsA = {LONG[0], LONG[1], LONG[2], LONG[3]};
        int[] wordsB = {LONG[0], LONG[1], LONG[2], LONG[5]};
        assertEquals(TRAINED.scoreSentence(wordsA)[4], TRAINED.score(a, Tiny.VALID.vocabulary().eos()).lnProb(), 1e-9);
        assertEquals(TRAINED.scoreSentence(wordsB)[4], TRAINED.score(b, Tiny.VALID.vocabulary().eos()).lnProb(), 1e-9);
    }

    @Test
    void aSavedModelLoadsBackAndScoresTheSame(@TempDir Path dir) {
        TransformerConfig config = Tiny.config(1).build();
        LanguageModel model = Tiny.train(config);
        Path file = dir.resolve("transformer.zip");
        ModelFile.save(file, model, "transformer", config, 5, "whitespace", Tiny.TRAIN.fingerprint());
        LanguageModel back = ModelFile.load(file, new PluginRegistry<ModelProvider<?>>("model", "",
                List.of(new TransformerProvider()))).model();
        // The file keeps float32 values (ParameterFiles), so the float64 reference model comes back rounded.
        assertArrayEquals(model.scoreSentence(LONG), back.scoreSentence(LONG), 1e-5);
    }

    @Test
    void dataOfAnotherShapeIsRefusedNamingTheParameterAndBothShapes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TRAINED.writeData(name -> bytes);
        ModelDataSource source = new ModelDataSource() {
            @Override
            public InputStream entry(String name) {
                return new ByteArrayInputStream(bytes.toByteArray());
            }

            @Override
            public boolean has(String name) {
                return true;
            }

            @Override
            public long length(String name) {
                return bytes.size();
            }
        };
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> new TransformerProvider().load(source, Tiny.config(1).model(16).build(),
                        Tiny.TRAIN.vocabulary()));
        assertTrue(e.getMessage().startsWith("parameter 'embedding' is " + Tiny.TRAIN.vocabulary().size()
                + " x 8 in the model file but " + Tiny.TRAIN.vocabulary().size() + " x 16 in its config"), e.getMessage());
    }

    @Test
    void attentionWeightsAreCausalDistributionsForEveryLayerAndHead() {
        int[] words = Arrays.copyOf(Tiny.VALID.sentence(0), 5);   // <s> and 5 words fill the context
        AttentionMaps maps = TRAINED.attention(words);
        assertEquals(2, maps.layers());
        assertEquals(2, maps.heads());
        assertEquals(words.length + 1, maps.positions());
        for (int l = 0; l < maps.layers(); l++) {
            for (int h = 0; h < maps.heads(); h++) {
                for (int i = 0; i < maps.positions(); i++) {
                    double sum = 0;
                    for (int j = 0; j < maps.positions(); j++) {
                        sum += maps.weight(l, h, i, j);
                        if (j > i) {
                            assertEquals(0.0, maps.weight(l, h, i, j), 0.0, "a later position is masked");
                        }
                    }
                    assertEquals(1.0, sum, 1e-12, "layer " + l + ", head " + h + ", query " + i);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TRAINED.attention(LONG));
        assertTrue(e.getMessage().contains("context of 6 positions"), e.getMessage());
    }

    @Test
    void gradientNormsReachEveryPositionInTheContextAndNoFurther() {
        double[] norms = TRAINED.gradientNormsByDistance(Tiny.VALID, 5, 4);
        assertEquals(6, norms.length);
        for (int k = 0; k < norms.length; k++) {
            assertTrue(norms[k] > 0 && Double.isFinite(norms[k]), "k = " + k + ": " + norms[k]);
        }
        LmkitException e = assertThrows(LmkitException.class, () -> TRAINED.gradientNormsByDistance(Tiny.VALID, 6, 4));
        assertTrue(e.getMessage().contains("at most 5"), e.getMessage());
        assertThrows(LmkitException.class, () -> TRAINED.gradientNormsByDistance(Tiny.VALID, 5, 1000));
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformerConfig.builder().model(130).heads(4).build());
        assertEquals("model=130 is not a multiple of heads=4; use model=128 or 132, or heads that divide 130",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.builder().context(1).build());
        assertTrue(e.getMessage().startsWith("context must be at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TransformerConfig.builder().model(9).heads(3).positions(Positions.SINUSOIDAL).build());
        assertTrue(e.getMessage().contains("positions=learned"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.builder().attentionDropout(1).build());
        assertEquals("attentionDropout must be in [0, 1), got 1.0", e.getMessage());
    }

    abstract static class Contract extends LanguageModelContract {
        private final LanguageModel model;

        Contract(LanguageModel model) {
            this.model = model;
        }

        @Override
        protected LanguageModel model() {
            return model;
        }

        /** A sentence within the context, one that slides the window three times, one with a repeated word. */
        @Override
        protected List<int[]> probeSentences() {
            return List.of(Tiny.VALID.sentence(0), LONG, new int[] {0, 3, 0});
        }
    }

    /** Tied weights and learned positions (the defaults' shape). */
    @Nested
    class TiedContract extends Contract {
        TiedContract() {
            super(TRAINED);
        }
    }

    /** The float32 simd backend: the state API's one-row passes against batched ones, within float rounding. */
    @Nested
    class SimdContract extends Contract {
        SimdContract() {
            super(Tiny.train(Tiny.config(1).backend("simd").threads(2).build()));
        }
    }

    /** Untied output weights, sinusoidal positions, trained under the stream protocol. */
    @Nested
    class UntiedSinusoidalStreamContract extends Contract {
        UntiedSinusoidalStreamContract() {
            super(Tiny.train(Tiny.config(1).tieWeights(false).positions(Positions.SINUSOIDAL).sentenceReset(false)
                    .build()));
        }
    }
}
