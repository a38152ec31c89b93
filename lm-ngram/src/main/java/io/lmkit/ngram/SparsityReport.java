package io.lmkit.ngram;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;

/**
 * How sparse the data is for a model, measured on a text: for each order, the share of the text's
 * n-grams that the model never stored (never saw in training), and how often scoring had to back
 * off to each order (a histogram of the lengths of the n-grams that matched).
 *
 * @param ngrams          index k−1: the text's n-grams of order k (those with k−1 tokens of history)
 * @param unseen          index k−1: how many of them the model does not store
 * @param matchedOrders   index k−1: how many tokens were scored with an n-gram of order k
 */
public record SparsityReport(long[] ngrams, long[] unseen, long[] matchedOrders) {

    /** Copies the arrays so the report is a value. */
    public SparsityReport {
        ngrams = ngrams.clone();
        unseen = unseen.clone();
        matchedOrders = matchedOrders.clone();
    }

    /** Measures {@code corpus} (encoded with the model's vocabulary) against {@code model}. */
    public static SparsityReport measure(NgramModel model, Corpus corpus) {
        int order = model.order();
        Vocabulary v = model.vocabulary();
        long[] ngrams = new long[order];
        long[] unseen = new long[order];
        long[] matched = new long[order];
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            int[] words = corpus.sentence(s);
            int[] padded = new int[words.length + 2];
            padded[0] = v.bos();
            System.arraycopy(words, 0, padded, 1, words.length);
            padded[padded.length - 1] = v.eos();
            NgramState state = model.begin();
            for (int i = 1; i < padded.length; i++) {
                NgramModel.FullScore score = model.fullScore(state, padded[i]);
                matched[score.matchedOrder() - 1]++;
                state = score.next();
                for (int k = 1; k <= Math.min(order, i + 1); k++) {
                    ngrams[k - 1]++;
                    if (model.entry(java.util.Arrays.copyOfRange(padded, i - k + 1, i + 1)).isEmpty()) {
                        unseen[k - 1]++;
                    }
                }
            }
        }
        return new SparsityReport(ngrams, unseen, matched);
    }

    /** The share of the text's n-grams of order {@code k} that the model never saw, 0..1. */
    public double unseenShare(int k) {
        return ngrams[k - 1] == 0 ? 0 : (double) unseen[k - 1] / ngrams[k - 1];
    }

    /** The share of tokens scored with an n-gram of order {@code k}, 0..1. */
    public double matchedShare(int k) {
        long total = 0;
        for (long m : matchedOrders) {
            total += m;
        }
        return total == 0 ? 0 : (double) matchedOrders[k - 1] / total;
    }

    @Override
    public long[] ngrams() {
        return ngrams.clone();
    }

    @Override
    public long[] unseen() {
        return unseen.clone();
    }

    @Override
    public long[] matchedOrders() {
        return matchedOrders.clone();
    }
}
