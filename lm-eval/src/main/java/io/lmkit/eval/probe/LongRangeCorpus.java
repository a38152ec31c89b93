package io.lmkit.eval.probe;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The generated corpus of the long-range dependency probe: every sentence is
 * {@code k_i f f ... f v_i}, a key, {@code d − 1} fillers and the key's value, so the value is
 * fixed by the word d positions earlier. Keys are drawn uniformly and independently of the
 * fillers, which are drawn uniformly from their own small vocabulary, so nothing but the key says
 * which value comes: a model that does not remember the key can do no better than 1 / keys.
 *
 * <p>Words are {@code k0 … k(K−1)}, {@code v0 … v(K−1)} and {@code f0 … f(F−1)}; key {@code ki}
 * determines value {@code vi}. Training sentences of all distances are shuffled together; the
 * validation and test sentences come from their own random streams. The same config gives the
 * same corpus (java.util.Random, whose sequence the JDK specifies).
 */
public final class LongRangeCorpus {

    private final LongRangeConfig config;
    private final Vocabulary vocabulary;
    private final Corpus train;
    private final Corpus valid;
    private final List<LongRangeExample> test;

    private LongRangeCorpus(LongRangeConfig config, Vocabulary vocabulary, Corpus train, Corpus valid,
                            List<LongRangeExample> test) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.train = train;
        this.valid = valid;
        this.test = test;
    }

    /** Generates the corpus of {@code config}. */
    public static LongRangeCorpus generate(LongRangeConfig config) {
        List<String> words = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        for (int i = 0; i < config.keys(); i++) {
            words.add("k" + i);
        }
        for (int i = 0; i < config.keys(); i++) {
            words.add("v" + i);
        }
        for (int i = 0; i < config.fillers(); i++) {
            words.add("f" + i);
        }
        Vocabulary v = Vocabulary.ofWords(words);
        Random seeds = new Random(config.seed());
        List<List<String>> train = sentences(config, config.trainPerDistance(), new Random(seeds.nextLong()));
        Collections.shuffle(train, new Random(seeds.nextLong()));
        List<List<String>> valid = sentences(config, config.testPerDistance(), new Random(seeds.nextLong()));
        List<List<String>> testText = sentences(config, config.testPerDistance(), new Random(seeds.nextLong()));
        List<LongRangeExample> test = new ArrayList<>();
        for (List<String> s : testText) {
            test.add(new LongRangeExample(s.size() - 1, s.stream().mapToInt(v::id).toArray()));
        }
        return new LongRangeCorpus(config, v, Corpus.of(v, train), Corpus.of(v, valid), List.copyOf(test));
    }

    /** {@code perDistance} sentences of each distance, in order of distance. */
    private static List<List<String>> sentences(LongRangeConfig c, int perDistance, Random random) {
        List<List<String>> out = new ArrayList<>();
        for (int d = c.minDistance(); d <= c.maxDistance(); d++) {
            for (int n = 0; n < perDistance; n++) {
                int key = random.nextInt(c.keys());
                List<String> s = new ArrayList<>(d + 1);
                s.add("k" + key);
                for (int i = 1; i < d; i++) {
                    s.add("f" + random.nextInt(c.fillers()));
                }
                s.add("v" + key);
                out.add(s);
            }
        }
        return out;
    }

    /** The config this corpus was generated from. */
    public LongRangeConfig config() {
        return config;
    }

    /** The closed vocabulary: the reserved symbols, the keys, the values, the fillers. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The training sentences, all distances shuffled together. */
    public Corpus train() {
        return train;
    }

    /** Validation sentences ({@code testPerDistance} of each distance), for early stopping. */
    public Corpus valid() {
        return valid;
    }

    /** The test sentences, {@code testPerDistance} of each distance, in order of distance. */
    public List<LongRangeExample> test() {
        return test;
    }

    /** The id of the value that key id {@code key} determines. */
    public int valueOf(int key) {
        int index = key - firstKey();
        if (index < 0 || index >= config.keys()) {
            throw new IllegalArgumentException("id " + key + " (" + vocabulary.word(key) + ") is not a key");
        }
        return firstValue() + index;
    }

    /** The ids of the values, the words a model must choose between at the target. */
    public int[] valueIds() {
        int[] out = new int[config.keys()];
        for (int i = 0; i < out.length; i++) {
            out[i] = firstValue() + i;
        }
        return out;
    }

    /** Whether an id is a filler. */
    public boolean isFiller(int id) {
        return id >= firstValue() + config.keys() && id < vocabulary.size();
    }

    /** Whether an id is a key. */
    public boolean isKey(int id) {
        return id >= firstKey() && id < firstValue();
    }

    private int firstKey() {
        return 3;
    }

    private int firstValue() {
        return 3 + config.keys();
    }
}
