package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import io.lmkit.neural.window.FixedWindowProvider;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.ArpaWriter;
import io.lmkit.ngram.arpa.UnknownWord;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.rnn.model.GruProvider;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scoring is thread-safe for every model family: 8 threads scoring the same sentences at once,
 * through the sentence fast path, the state API and the next-word distribution, get exactly what
 * one thread gets. Training shares no mutable state: two trainers running at once in one JVM give
 * the same models as the same trainers run one after the other.
 */
class ConcurrencyTest {

    static final int THREADS = 8;
    static Corpus train;
    static Corpus test;
    static Map<String, LanguageModel> models = new LinkedHashMap<>();
    static ExecutorService pool;

    @BeforeAll
    static void trainOneModelOfEachFamily() throws IOException {
        String[] words = "the a cat dog sat ran on under mat log big small".split(" ");
        train = corpus(words, 150, 1);
        Vocabulary v = train.vocabulary();
        test = corpus(v, words, 12, 2);
        models.put("modified-kneser-ney", trainModel(new ModifiedKneserNeyProvider(), Map.of("order", "3")));
        ByteArrayOutputStream arpa = new ByteArrayOutputStream();
        ArpaWriter.write((NgramModel) models.get("modified-kneser-ney"), arpa);
        models.put("arpa", ArpaReader.read("kn.arpa", new ByteArrayInputStream(arpa.toByteArray()),
                UnknownWord.ORDINARY_WORD));
        Map<String, String> neural = Map.of("backend", "reference", "embedding", "6", "hidden", "8", "epochs", "1",
                "batchSize", "8", "threads", "1");
        models.put("fixed-window", trainModel(new FixedWindowProvider(), with(neural, "order", "3")));
        models.put("rnn", trainModel(new RnnProvider(), with(neural, "bptt", "5")));
        models.put("lstm", trainModel(new LstmProvider(), with(neural, "bptt", "5")));
        models.put("gru", trainModel(new GruProvider(), with(neural, "bptt", "5")));
        models.put("mixture", new LinearMixture(models.get("modified-kneser-ney"), models.get("lstm"), 0.6));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new HashMap<>(base);
        out.put(key, value);
        return out;
    }

    static <C extends Record> LanguageModel trainModel(ModelProvider<C> provider, Map<String, String> settings) {
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), settings, provider.name());
        return provider.trainer().train(new TrainingData(train, Optional.of(test)), config, 3, TrainingListener.NONE);
    }

    static Corpus corpus(String[] words, int sentences, long seed) {
        Map<String, Long> counts = new HashMap<>();
        for (String w : words) {
            counts.put(w, 1L);
        }
        return corpus(Vocabulary.fromCounts(counts, 1, 100), words, sentences, seed);
    }

    static Corpus corpus(Vocabulary v, String[] words, int sentences, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            List<String> s = new ArrayList<>();
            for (int j = 3 + random.nextInt(6); j > 0; j--) {
                s.add(words[random.nextInt(words.length)]);
            }
            out.add(s);
        }
        return Corpus.of(v, out);
    }

    /** Every number a model gives for the test corpus: sentence scores, state-API scores, next-word distributions. */
    static List<double[]> everything(LanguageModel m) {
        List<double[]> out = new ArrayList<>();
        double[] next = new double[m.vocabulary().size()];
        for (int s = 0; s < test.sentenceCount(); s++) {
            int[] words = test.sentence(s);
            out.add(m.scoreSentence(words));
            ModelState state = m.begin();
            double[] stepwise = new double[words.length];
            for (int i = 0; i < words.length; i++) {
                m.nextLnProbs(state, next);
                out.add(next.clone());
                Score score = m.score(state, words[i]);
                stepwise[i] = score.lnProb();
                state = score.next();
            }
            out.add(stepwise);
        }
        return out;
    }

    @Test
    void eightThreadsScoringAtOnceGetExactlyWhatOneThreadGets() throws Exception {
        for (Map.Entry<String, LanguageModel> e : models.entrySet()) {
            List<double[]> alone = everything(e.getValue());
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<double[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<double[]> r = null;
                    for (int round = 0; round < 3; round++) {
                        r = everything(e.getValue());
                    }
                    return r;
                }));
            }
            for (Future<List<double[]>> f : results) {
                List<double[]> together = f.get();
                assertEquals(alone.size(), together.size());
                for (int i = 0; i < alone.size(); i++) {
                    assertArrayEquals(alone.get(i), together.get(i), 0.0, e.getKey() + ": result " + i);
                }
            }
        }
    }

    @Test
    void twoTrainersInParallelGiveTheModelsTheyGiveOneAfterTheOther() throws Exception {
        Map<String, String> neural = Map.of("backend", "reference", "embedding", "6", "hidden", "8", "epochs", "2",
                "batchSize", "8", "threads", "2");
        List<Callable<byte[]>> trainers = List.of(
                () -> bytes(trainModel(new FixedWindowProvider(), with(neural, "order", "3"))),
                () -> bytes(trainModel(new LstmProvider(), with(neural, "bptt", "5"))),
                () -> bytes(trainModel(new FixedWindowProvider(), with(with(neural, "order", "3"), "backend", "simd"))),
                () -> bytes(trainModel(new ModifiedKneserNeyProvider(), Map.of("order", "4"))));
        List<byte[]> sequential = new ArrayList<>();
        for (Callable<byte[]> c : trainers) {
            sequential.add(c.call());
        }
        List<Future<byte[]>> parallel = new ArrayList<>();
        for (Callable<byte[]> c : trainers) {
            parallel.add(pool.submit(c));
        }
        for (int i = 0; i < trainers.size(); i++) {
            assertArrayEquals(sequential.get(i), parallel.get(i).get(), "trainer " + i);
        }
    }

    static byte[] bytes(LanguageModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeData(name -> new java.io.FilterOutputStream(out) {
            @Override
            public void close() {
                // The sink's entries share one buffer.
            }
        });
        return out.toByteArray();
    }
}
