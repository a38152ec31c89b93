package io.lmkit.ngram;

/**
 * How big an n-gram model is: n-grams and bytes of memory per order, the "storage explosion" of
 * large n made visible.
 *
 * @param ngrams index k−1 for order k: the number of stored n-grams (all vocabulary words for k = 1)
 * @param bytes  index k−1 for order k: bytes of memory the order's tables take
 */
public record NgramStats(long[] ngrams, long[] bytes) {

    /** Copies the arrays so the stats are a value. */
    public NgramStats {
        ngrams = ngrams.clone();
        bytes = bytes.clone();
    }

    /** The stats of a model. */
    public static NgramStats of(NgramModel model) {
        return new NgramStats(model.ngramCounts(), model.bytesPerOrder());
    }

    /** The model's order. */
    public int order() {
        return ngrams.length;
    }

    /** Stored n-grams of every order. */
    public long totalNgrams() {
        long n = 0;
        for (long c : ngrams) {
            n += c;
        }
        return n;
    }

    /** Bytes of memory of every table. */
    public long totalBytes() {
        long n = 0;
        for (long b : bytes) {
            n += b;
        }
        return n;
    }

    /** Average bytes of memory per stored n-gram. */
    public double bytesPerNgram() {
        return (double) totalBytes() / totalNgrams();
    }

    @Override
    public long[] ngrams() {
        return ngrams.clone();
    }

    @Override
    public long[] bytes() {
        return bytes.clone();
    }
}
