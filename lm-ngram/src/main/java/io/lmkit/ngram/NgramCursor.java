package io.lmkit.ngram;

import io.lmkit.ngram.internal.OrderTable;

/**
 * Scores the words of a text one after another with an {@link NgramModel}, as {@link NgramModel#fullScore}
 * does, but keeping its state in two reused arrays instead of a new {@link NgramState} and
 * {@link NgramModel.FullScore} a word: the inner loop of evaluating millions of tokens. Every number is
 * the one {@code fullScore} gives, bit for bit: the same operations in the same order (tested against it).
 *
 * <p>Mutable: one cursor per thread. The model it reads is immutable and shared.
 */
public final class NgramCursor {

    private static final double LN_10 = Math.log(10);

    private final NgramModel model;
    private final OrderTable[] tables;
    private final int order;
    /** The state's slots ({@link NgramState#slots}), the first {@link #length} of them in use. */
    private int[] slots;
    /** Where the next state's slots are built; swapped with {@link #slots} after each word. */
    private int[] found;
    private int length;
    private int history;
    private int matched;
    private float kenlm;

    NgramCursor(NgramModel model) {
        this.model = model;
        this.tables = model.tables;
        this.order = model.order;
        int width = Math.max(1, order - 1);
        this.slots = new int[width];
        this.found = new int[width];
        begin();
    }

    /** Puts the cursor at the start of a sentence: the state {@link NgramModel#begin()} gives. */
    public void begin() {
        if (order == 1) {
            length = 0;
            history = 0;
        } else {
            slots[0] = model.vocabulary.bos();
            length = 1;
            history = 1;
        }
    }

    /**
     * The log10 probability of {@code word} after the words so far, moving the cursor past it: the
     * {@code log10Prob} of {@link NgramModel#fullScore}.
     *
     * @param word a vocabulary id other than {@code <s>}
     * @throws IllegalArgumentException for {@code <s>} or an id outside the vocabulary
     */
    public double nextLog10(int word) {
        double[] unigramLog10Prob = model.unigramLog10Prob;
        if (word < 0 || word >= unigramLog10Prob.length || word == model.vocabulary.bos()) {
            throw new IllegalArgumentException("word id " + word + " cannot be predicted (it is <s> or outside the"
                    + " vocabulary of " + unigramLog10Prob.length + " ids)");
        }
        int known = length;
        int limit = Math.min(known + 1, order);
        int foundLength = Math.min(limit, order - 1);
        if (foundLength > 0) {
            found[0] = word;
        }
        double log10 = unigramLog10Prob[word];
        float kenlmSum = (float) log10;
        int match = 1;
        for (int j = 2; j <= limit; j++) {
            int contextSlot = slots[j - 2];
            int slot = contextSlot < 0 ? -1 : tables[j].find(contextSlot, word);
            if (slot < 0) {
                if (model.suffixClosed) {
                    break;
                }
                if (j - 1 < foundLength) {
                    found[j - 1] = -1;
                }
                continue;
            }
            float p = tables[j].log10Prob(slot);
            log10 = p;
            kenlmSum = p;
            match = j;
            if (j - 1 < foundLength) {
                found[j - 1] = slot;
            }
        }
        for (int k = match; k <= known; k++) {
            int c = slots[k - 1];
            if (c >= 0) {
                double backoff = k == 1 ? model.unigramLog10Backoff[c] : tables[k].log10Backoff(c);
                log10 += backoff;
                kenlmSum += (float) backoff;
            }
        }
        log10 += model.missingContextLog10 * (history - known);
        kenlmSum += model.missingContextLog10 * (history - known);
        kenlm = kenlmSum;
        if (model.unkResetsContext && word == model.vocabulary.unk()) {
            matched = 1;
            length = 0;
            history = 0;
            return log10;
        }
        matched = match;
        int[] previous = slots;
        slots = found;
        found = previous;
        length = Math.min(match, order - 1);
        history = Math.min(history + 1, order - 1);
        return log10;
    }

    /** {@link #nextLog10} in natural log, as {@link NgramModel#score} gives it ({@code log10 · ln 10}). */
    public double nextLn(int word) {
        return nextLog10(word) * LN_10;
    }

    /** The order of the n-gram that matched the last word ({@link NgramModel.FullScore#matchedOrder()}). */
    public int matchedOrder() {
        return matched;
    }

    /** The last word's log10 probability summed as KenLM does ({@link NgramModel.FullScore#kenlmLog10Prob()}). */
    public float kenlmLog10Prob() {
        return kenlm;
    }
}
