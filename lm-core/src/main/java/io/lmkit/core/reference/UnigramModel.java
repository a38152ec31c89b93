package io.lmkit.core.reference;

import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Add-k (Lidstone; k = 1 is Laplace's add-one) unigram model over the predicted symbols:
 * P(w) = (c(w) + k) / (N + k·|V \ {&lt;s&gt;}|), where c counts every word and one {@code </s>}
 * per training sentence and N is their total.
 */
public final class UnigramModel implements LanguageModel {

    private final Vocabulary vocabulary;
    private final long[] counts;
    private final double[] lnProbs;

    /**
     * A unigram model from counts.
     *
     * @param counts how often each id was predicted in training (the entry of {@code <s>} must be 0)
     * @param addK   the pseudo-count added to every predicted symbol, &gt; 0
     */
    public UnigramModel(Vocabulary vocabulary, long[] counts, double addK) {
        if (counts.length != vocabulary.size()) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries for a vocabulary of "
                    + vocabulary.size());
        }
        this.vocabulary = vocabulary;
        this.counts = counts.clone();
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i != vocabulary.bos()) {
                total += counts[i];
            }
        }
        double lnDenominator = Math.log(total + addK * vocabulary.predictedCount());
        this.lnProbs = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            lnProbs[i] = i == vocabulary.bos() ? Double.NEGATIVE_INFINITY : Math.log(counts[i] + addK) - lnDenominator;
        }
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelState begin() {
        return SingletonState.INSTANCE;
    }

    @Override
    public Score score(ModelState state, int word) {
        ReferenceModels.checkPredictable(vocabulary, word);
        return new Score(lnProbs[word], SingletonState.INSTANCE);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] out) {
        System.arraycopy(lnProbs, 0, out, 0, lnProbs.length);
    }

    /** How often symbol {@code id} was predicted in training. */
    public long count(int id) {
        return counts[id];
    }

    static final String COUNTS = "counts.bin";

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

    static long[] readCounts(InputStream in, Vocabulary vocabulary) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int n = data.readInt();
        if (n != vocabulary.size()) {
            throw new ModelFileException("unigram counts are for " + n + " ids but the vocabulary has "
                    + vocabulary.size() + "; the model file is inconsistent");
        }
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            counts[i] = data.readLong();
        }
        return counts;
    }
}
