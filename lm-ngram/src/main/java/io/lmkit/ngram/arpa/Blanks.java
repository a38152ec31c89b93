package io.lmkit.ngram.arpa;

import io.lmkit.ngram.NgramModelBuilder;

/**
 * Adds the n-grams an ARPA file leaves out but scoring needs: the missing suffixes of a stored
 * n-gram, which KenLM calls "blanks" (SRILM's pruning removes "b c" and keeps "a b c").
 *
 * <p>KenLM's semantics, which these reproduce: a blank's probability is what backing off gives at
 * its place, the probability of its longest stored suffix plus the backoffs of the contexts that
 * were shortened; its backoff is 0. A blank then counts as matched: {@code query} reports the
 * order of "higher looking" as 2 when only "also would consider higher looking" is stored. A
 * blank can also serve as the context of a later n-gram of the same order ("a b c" is accepted
 * after "x a b" fills in "a b"), but only after it was filled in; KenLM refuses an n-gram whose
 * context is neither stored nor filled in before it, and so does lmkit.
 *
 * <p>With the blanks, every stored n-gram's suffixes and context are stored, so a lookup can stop
 * at the first order it does not find.
 */
final class Blanks {

    private final NgramModelBuilder builder;

    Blanks(NgramModelBuilder builder) {
        this.builder = builder;
    }

    /**
     * The slot of the n-gram {@code ids[from..to)} (at least one word): the word id for one word,
     * else its slot in the table of its order; -1 when it is not stored.
     */
    int slot(int[] ids, int from, int to) {
        int slot = ids[from];
        for (int j = from + 1; j < to && slot >= 0; j++) {
            slot = builder.find(j - from + 1, slot, ids[j]);
        }
        return slot;
    }

    /**
     * Makes room for the blanks that the k-gram about to be read may add (at most one per order
     * between 2 and k−1); slots found before may move.
     */
    void reserve(int k) {
        for (int j = 2; j < k; j++) {
            builder.reserve(j, 1);
        }
    }

    /**
     * Adds every missing suffix of the k-gram {@code ids[0..k)}, shortest first, up to order k−1.
     * Stops at a suffix whose own context is missing (possible only while the k-gram's context is
     * missing too, which the caller then refuses).
     */
    void fillSuffixes(int[] ids, int k) {
        int stored = k - 1;
        while (stored > 1 && slot(ids, k - stored, k) < 0) {
            stored--;
        }
        if (stored == k - 1) {
            return;
        }
        double log10 = stored == 1 ? builder.unigramLog10Prob(ids[k - 1])
                : builder.log10Prob(stored, slot(ids, k - stored, k));
        for (int j = stored + 1; j < k; j++) {
            // The (j-1)-gram before the last word is the context the blank of order j backs off from.
            int context = slot(ids, k - j, k - 1);
            if (context < 0) {
                return;
            }
            log10 += j == 2 ? builder.unigramLog10Backoff(context) : builder.log10Backoff(j - 1, context);
            builder.add(j, context, ids[k - 1], (float) log10, 0.0);
        }
    }
}
