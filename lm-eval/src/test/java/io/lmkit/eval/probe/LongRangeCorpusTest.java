package io.lmkit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.vocab.Vocabulary;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated corpus of the long-range probe, and the probe's measurement on models whose answers are known. */
class LongRangeCorpusTest {

    private static final LongRangeConfig SMALL = new LongRangeConfig(4, 3, 1, 12, 20, 10, 7);

    @Test
    void theSameSeedGivesTheSameCorpusAndAnotherSeedAnother() {
        LongRangeCorpus a = LongRangeCorpus.generate(SMALL);
        LongRangeCorpus b = LongRangeCorpus.generate(SMALL);
        assertEquals(a.train().fingerprint(), b.train().fingerprint());
        assertEquals(a.valid().fingerprint(), b.valid().fingerprint());
        assertEquals(a.test(), b.test());
        LongRangeCorpus c = LongRangeCorpus.generate(new LongRangeConfig(4, 3, 1, 12, 20, 10, 8));
        assertNotEquals(a.train().fingerprint(), c.train().fingerprint());
        assertNotEquals(a.test(), c.test());
    }

    @Test
    void theVocabularyIsKeysValuesAndFillers() {
        Vocabulary v = LongRangeCorpus.generate(SMALL).vocabulary();
        assertEquals(List.of("<unk>", "<s>", "</s>", "k0", "k1", "k2", "k3", "v0", "v1", "v2", "v3", "f0", "f1", "f2"),
                v.words());
    }

    /** Every sentence is k_i, d − 1 fillers, v_i: the key fixes the value at every distance. */
    private static void checkRule(LongRangeCorpus data, int[] words, int distance) {
        assertEquals(distance + 1, words.length);
        assertTrue(data.isKey(words[0]), Arrays.toString(words));
        for (int i = 1; i < distance; i++) {
            assertTrue(data.isFiller(words[i]), Arrays.toString(words));
        }
        assertEquals(data.valueOf(words[0]), words[distance], Arrays.toString(words));
    }

    @Test
    void theKeyFixesTheValueAtEveryDistanceInEverySplit() {
        LongRangeCorpus data = LongRangeCorpus.generate(SMALL);
        int[] perDistance = new int[13];
        for (LongRangeExample e : data.test()) {
            checkRule(data, e.words(), e.distance());
            assertEquals(data.valueOf(e.key()), e.target());
            perDistance[e.distance()]++;
        }
        for (int d = 1; d <= 12; d++) {
            assertEquals(10, perDistance[d], "test sentences of distance " + d);
        }
        for (Corpus corpus : List.of(data.train(), data.valid())) {
            int[] count = new int[13];
            for (int s = 0; s < corpus.sentenceCount(); s++) {
                int[] words = corpus.sentence(s);
                checkRule(data, words, words.length - 1);
                count[words.length - 1]++;
            }
            for (int d = 1; d <= 12; d++) {
                assertEquals(corpus == data.train() ? 20 : 10, count[d]);
            }
        }
    }

    @Test
    void trainingSentencesOfAllDistancesAreShuffledTogether() {
        Corpus train = LongRangeCorpus.generate(SMALL).train();
        Set<Integer> firstTwenty = new HashSet<>();
        for (int s = 0; s < 20; s++) {
            firstTwenty.add(train.sentenceLength(s));
        }
        assertTrue(firstTwenty.size() > 3, "lengths of the first 20 training sentences: " + firstTwenty);
    }

    @Test
    void everyKeyAndFillerIsUsed() {
        LongRangeCorpus data = LongRangeCorpus.generate(SMALL);
        Set<Integer> seen = new HashSet<>();
        data.test().forEach(e -> Arrays.stream(e.words()).forEach(seen::add));
        assertEquals(data.vocabulary().size() - 3, seen.size());
    }

    @Test
    void badConfigsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LongRangeConfig(1, 3, 1, 5, 1, 1, 0))
                .getMessage().contains("keys must be at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LongRangeConfig(4, 3, 0, 5, 1, 1, 0))
                .getMessage().contains("1 <= minDistance <= maxDistance"));
    }

    @Test
    void aUniformModelIsExactlyAtChance() {
        LongRangeCorpus data = LongRangeCorpus.generate(SMALL);
        LongRangeCurve curve = new LongRangeProbe().measure("uniform", "", new UniformModel(data.vocabulary()), data);
        for (LongRangePoint p : curve.points()) {
            assertEquals(0.25, p.accuracy(), 1e-12); // four values tie: each counts 1/4
            assertEquals(Math.log(4), p.valueLogLoss(), 1e-12);
            assertEquals(Math.log(data.vocabulary().predictedCount()), p.logLoss(), 1e-12);
            assertEquals(10, p.examples());
        }
        assertEquals(0, curve.reach(0.9));
    }

    @Test
    void aModelThatRemembersTheKeyIsPerfectAtEveryDistance() {
        LongRangeCorpus data = LongRangeCorpus.generate(SMALL);
        LongRangeReport report = new LongRangeProbe().run(Map.of("oracle", new KeyOracle(data)), data);
        LongRangeCurve curve = report.curves().get(0);
        for (LongRangePoint p : curve.points()) {
            assertEquals(1.0, p.accuracy());
            assertEquals(-Math.log(0.9), p.valueLogLoss(), 1e-12);
        }
        assertEquals(12, curve.reach(0.9));
        assertTrue(report.toMarkdown().contains("| oracle |  | 12 | 100% | 100% |"), report.toMarkdown());
        assertTrue(report.toCsv().lines().anyMatch(l -> l.startsWith("oracle,12,10,1.00000,0.105361,")),
                report.toCsv());
        com.fasterxml.jackson.databind.JsonNode json = assertDoesNotThrow(
                () -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson()));
        assertEquals(12, json.get("models").get(0).get("reach").asInt());
        assertEquals(12, json.get("models").get(0).get("points").size());
        assertEquals(0.25, json.get("chanceAccuracy").asDouble());
        io.lmkit.eval.report.GoldenFiles.assertMatches("long-range.json", report.toJson());
    }

    /**
     * Remembers the first word of the sentence and gives its value 0.9, the other values 0.1 in
     * all, nothing else: a hand-made model with a perfect memory.
     */
    private record KeyOracle(LongRangeCorpus data) implements LanguageModel {
        private record Remembered(int key) implements ModelState {
        }

        @Override
        public Vocabulary vocabulary() {
            return data.vocabulary();
        }

        @Override
        public ModelState begin() {
            return new Remembered(-1);
        }

        @Override
        public Score score(ModelState state, int word) {
            double[] p = new double[vocabulary().size()];
            nextLnProbs(state, p);
            int key = ((Remembered) state).key();
            return new Score(p[word], new Remembered(key < 0 ? word : key));
        }

        @Override
        public void nextLnProbs(ModelState state, double[] lnProbs) {
            Arrays.fill(lnProbs, Double.NEGATIVE_INFINITY);
            int key = ((Remembered) state).key();
            for (int v : data.valueIds()) {
                lnProbs[v] = key < 0 ? Math.log(1.0 / data.config().keys())
                        : Math.log(v == data.valueOf(key) ? 0.9 : 0.1 / (data.config().keys() - 1));
            }
        }

        @Override
        public void writeData(ModelDataSink sink) {
            throw new UnsupportedOperationException("a test model is never saved");
        }
    }
}
