package io.lmkit.ngram;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.internal.CountTable;

/**
 * Assembles a {@link CountModel} order by order: the counts of every word, then each higher
 * order's n-grams by context slot and word, as {@link NgramModelBuilder} does for backoff models.
 */
public final class CountModelBuilder {

    private final Vocabulary vocabulary;
    private final int order;
    private final long[] unigramCount;
    private final long[] unigramTotal;
    private final CountTable[] tables;

    /**
     * Starts a model.
     *
     * @param ngramsPerOrder how many n-grams each order ≥ 2 will have (index k−1 for order k; the
     *                       unigram entry is ignored: every vocabulary word is a unigram)
     */
    public CountModelBuilder(Vocabulary vocabulary, int order, long[] ngramsPerOrder) {
        this.vocabulary = vocabulary;
        this.order = NgramOrder.check(order);
        this.unigramCount = new long[vocabulary.size()];
        this.unigramTotal = new long[vocabulary.size()];
        this.tables = new CountTable[order + 1];
        for (int k = 2; k <= order; k++) {
            if (ngramsPerOrder[k - 1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(ngramsPerOrder[k - 1] + " " + k + "-grams are too many for one"
                        + " table; lower the order");
            }
            tables[k] = new CountTable((int) ngramsPerOrder[k - 1]);
        }
    }

    /**
     * Sets the counts of a word.
     *
     * @param count c(w), how often it was predicted
     * @param total c(w·), how often it was followed by a word
     */
    public void unigram(int word, long count, long total) {
        unigramCount[word] = count;
        unigramTotal[word] = total;
    }

    /**
     * Adds an n-gram of order {@code k} ≥ 2 and returns its slot, which n-grams of order k+1 use as
     * their context slot.
     *
     * @param contextSlot the slot of its first k−1 words: the word id when k = 2
     * @param count       c(hw) ≥ 1
     * @param total       c(hw·), how often it was followed by a word (0 at the highest order)
     */
    public int add(int k, int contextSlot, int word, long count, long total) {
        return tables[k].add(contextSlot, word, count, total);
    }

    /** The model, turning counts into probabilities by {@code smoothing}. */
    public CountModel build(CountModel.Smoothing smoothing) {
        long tokens = 0;
        for (long c : unigramCount) {
            tokens += c;
        }
        if (tokens == 0) {
            throw new IllegalStateException("a count model needs at least one counted token");
        }
        return new CountModel(vocabulary, order, smoothing, tokens, unigramCount, unigramTotal, tables);
    }
}
