package org.example.lmkit.cache;

import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A unigram model interpolated with a cache of the words seen so far in the sentence (Kuhn and De Mori
 * 1990): {@code P(w | h) = (1 - lambda) P_u(w) + lambda c_h(w) / |h|}, where {@code h} is the last
 * {@code window} words of the sentence, {@code c_h(w)} how often {@code w} occurs among them, and
 * {@code P_u} the add-k unigram distribution over the predicted symbols ({@code </s>} included,
 * {@code <s>} excluded). With an empty cache (at a sentence start) {@code P(w | h) = P_u(w)}.
 *
 * <p>Both parts are distributions over the same symbols and the cache never holds {@code <s>}, so every
 * next-word distribution sums to one: the contract test of lm-core checks it.
 */
public final class CacheUnigramModel implements LanguageModel, Sized {

    static final String COUNTS = "counts.bin";

    private final Vocabulary vocabulary;
    private final long[] counts;
    private final double[] unigram;
    private final double lambda;
    private final int window;

    /**
     * A cache model from unigram counts.
     *
     * @param counts how often each id was predicted in training (the entry of {@code <s>} must be 0)
     * @param addK   the pseudo-count of every predicted symbol, &gt; 0
     * @param lambda the weight of the cache, in [0, 1)
     * @param window how many recent words of the sentence the cache holds, at least 1
     */
    public CacheUnigramModel(Vocabulary vocabulary, long[] counts, double addK, double lambda, int window) {
        if (counts.length != vocabulary.size()) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries for a vocabulary of "
                    + vocabulary.size() + " words");
        }
        if (counts[vocabulary.bos()] != 0) {
            throw new IllegalArgumentException("<s> is never predicted, so its count must be 0, got "
                    + counts[vocabulary.bos()]);
        }
        this.vocabulary = vocabulary;
        this.counts = counts.clone();
        this.lambda = lambda;
        this.window = window;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double denominator = total + addK * vocabulary.predictedCount();
        this.unigram = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            unigram[i] = i == vocabulary.bos() ? 0 : (counts[i] + addK) / denominator;
        }
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelState begin() {
        return CacheState.EMPTY;
    }

    @Override
    public Score score(ModelState state, int word) {
        if (word < 0 || word >= vocabulary.size() || word == vocabulary.bos()) {
            throw new IllegalArgumentException("word id " + word + " cannot be predicted: the vocabulary has ids 0 to "
                    + (vocabulary.size() - 1) + " and <s> (id " + vocabulary.bos() + ") is context only");
        }
        CacheState cache = cache(state);
        // A sentence ends at </s>: the next sentence starts with an empty cache.
        CacheState next = word == vocabulary.eos() ? CacheState.EMPTY : cache.push(word, window);
        return new Score(Math.log(probability(cache, word)), next);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        CacheState cache = cache(state);
        for (int w = 0; w < lnProbs.length; w++) {
            lnProbs[w] = Math.log(probability(cache, w));
        }
    }

    private double probability(CacheState cache, int word) {
        if (cache.size() == 0) {
            return unigram[word];
        }
        return (1 - lambda) * unigram[word] + lambda * cache.count(word) / cache.size();
    }

    private static CacheState cache(ModelState state) {
        if (state instanceof CacheState cache) {
            return cache;
        }
        throw new IllegalArgumentException("not a state of a cache-unigram model: " + state);
    }

    /** The weight of the cache. */
    public double lambda() {
        return lambda;
    }

    @Override
    public long sizeCount() {
        return counts.length;
    }

    @Override
    public String sizeUnit() {
        return "unigram counts";
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(COUNTS)) {
            DataOutputStream out = new DataOutputStream(o);
            out.writeInt(counts.length);
            for (long c : counts) {
                out.writeLong(c);
            }
            out.flush();
        }
    }

    /** Reads the counts that {@link #writeData} wrote, checking they fit the vocabulary. */
    static long[] readCounts(InputStream in, Vocabulary vocabulary) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int n = data.readInt();
        if (n != vocabulary.size()) {
            throw new ModelFileException("the cache-unigram counts are for " + n + " ids but the vocabulary has "
                    + vocabulary.size() + "; the model file is inconsistent, train the model again");
        }
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            counts[i] = data.readLong();
        }
        return counts;
    }
}
