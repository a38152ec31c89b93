package io.lmkit.ngram;

import io.lmkit.core.MemoryBudget;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.internal.NgramTable;
import java.util.Arrays;
import java.util.Locale;

/**
 * Assembles an {@link NgramModel} order by order: the unigram values of every word, then each
 * higher order's n-grams by context slot and word. Used by the estimators and the ARPA reader.
 */
public final class NgramModelBuilder {

    private final Vocabulary vocabulary;
    private final int order;
    private final double[] unigramProb;
    private final double[] unigramBackoff;
    private final NgramTable[] tables;
    /** The n-gram count each table was sized for (index k for order k). */
    private final int[] sizedFor;
    private boolean suffixClosed = true;
    private boolean unkResetsContext;
    private KenlmWordIds kenlmWordIds = KenlmWordIds.SAME_AS_LMKIT;

    /**
     * Starts a model.
     *
     * @param ngramsPerOrder how many n-grams each order ≥ 2 will have (index k−1 for order k;
     *                       the unigram entry is ignored: every vocabulary word is a unigram)
     */
    public NgramModelBuilder(Vocabulary vocabulary, int order, long[] ngramsPerOrder) {
        this.vocabulary = vocabulary;
        this.order = NgramOrder.check(order);
        MemoryBudget.require(estimateBytes(vocabulary.size(), order, ngramsPerOrder),
                String.format(Locale.ROOT, "an order-%d n-gram model of %s n-grams", order,
                        Arrays.toString(Arrays.copyOfRange(ngramsPerOrder, 1, order))),
                "a lower order, pruning (e.g. --set prune=...) or a smaller vocabulary (--min-count, --max-vocab)");
        this.unigramProb = new double[vocabulary.size()];
        this.unigramBackoff = new double[vocabulary.size()];
        Arrays.fill(unigramProb, Double.NEGATIVE_INFINITY);
        this.tables = new NgramTable[order + 1];
        this.sizedFor = new int[order + 1];
        for (int k = 2; k <= order; k++) {
            if (ngramsPerOrder[k - 1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(ngramsPerOrder[k - 1] + " " + k + "-grams are too many for one"
                        + " table; prune the model");
            }
            sizedFor[k] = (int) ngramsPerOrder[k - 1];
            tables[k] = new NgramTable(sizedFor[k], k < order);
        }
    }

    /**
     * The heap bytes a model of these sizes takes: two float64 values per word and, for each
     * order k ≥ 2, its packed table (see {@link NgramTable}).
     *
     * @return the estimate, saturating at {@link Long#MAX_VALUE}
     */
    public static long estimateBytes(long vocabularySize, int order, long[] ngramsPerOrder) {
        long bytes = MemoryBudget.times(vocabularySize, 16);
        for (int k = 2; k <= order; k++) {
            long slots = MemoryBudget.plus(MemoryBudget.times(ngramsPerOrder[k - 1], 6) / 5, 2);
            bytes = MemoryBudget.plus(bytes, MemoryBudget.times(slots, (k < order ? 5 : 3) * Integer.BYTES));
        }
        return bytes;
    }

    /** Sets the values of a unigram (every word starts with probability 0 and backoff 1). */
    public void unigram(int word, double log10Prob, double log10Backoff) {
        unigramProb[word] = log10Prob;
        unigramBackoff[word] = log10Backoff;
    }

    /**
     * Adds an n-gram of order {@code k} ≥ 2 and returns its slot, which n-grams of order k+1
     * use as their context slot.
     *
     * @param contextSlot the slot of its first k−1 words: the word id when k = 2
     */
    public int add(int k, int contextSlot, int word, float log10Prob, double log10Backoff) {
        return tables[k].add(contextSlot, word, log10Prob, log10Backoff);
    }

    /**
     * Reads the slot of the table of order {@code k} where adding (context slot, word) would start, so that a
     * following {@link #add} finds it in the cache (see {@link NgramTable#touch}); returns a value of it.
     */
    public int touch(int k, int contextSlot, int word) {
        return tables[k].touch(contextSlot, word);
    }

    /** The slot of an n-gram of order {@code k} ≥ 2 already added, or -1. */
    public int find(int k, int contextSlot, int word) {
        return tables[k].find(contextSlot, word);
    }

    /** The stored log10 probability of an n-gram of order {@code k} ≥ 2 in {@code slot}. */
    public float log10Prob(int k, int slot) {
        return tables[k].log10Prob(slot);
    }

    /** The log10 probability of unigram {@code word}. */
    public double unigramLog10Prob(int word) {
        return unigramProb[word];
    }

    /** The log10 backoff of unigram {@code word}. */
    public double unigramLog10Backoff(int word) {
        return unigramBackoff[word];
    }

    /** The stored log10 backoff of an n-gram of order {@code k} ≥ 2 in {@code slot} (0 at the highest order). */
    public double log10Backoff(int k, int slot) {
        return tables[k].log10Backoff(slot);
    }

    /** Replaces the backoff of unigram {@code word}. */
    public void setUnigramBackoff(int word, double log10Backoff) {
        unigramBackoff[word] = log10Backoff;
    }

    /** Replaces the backoff of an n-gram of order {@code k} ≥ 2. */
    public void setBackoff(int k, int slot, double log10Backoff) {
        tables[k].setLog10Backoff(slot, log10Backoff);
    }

    /** The number of slots of the table of order {@code k} ≥ 2. */
    public int capacity(int k) {
        return tables[k].capacity();
    }

    /**
     * Makes room in the table of order {@code k} ≥ 2 for {@code extra} more n-grams than it holds,
     * beyond the count it was sized for: an ARPA file with n-grams whose suffixes are missing needs
     * those suffixes added (KenLM's "blanks"), and the header does not count them. When the table
     * is too small it is rebuilt twice as large, and so are the tables above it, whose keys hold its
     * slots: every slot found before this call may have moved.
     *
     * @throws io.lmkit.core.MemoryBudget.InsufficientMemoryException when the larger table does not fit the heap
     */
    public void reserve(int k, int extra) {
        NgramTable table = tables[k];
        // NgramTable.add needs one slot left empty.
        if ((long) table.size() + extra + 1 < table.capacity()) {
            return;
        }
        long wanted = Math.max(2L * table.size(), (long) table.size() + extra);
        if (wanted > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException(wanted + " " + k + "-grams are too many for one table; prune the model");
        }
        MemoryBudget.require(MemoryBudget.times(wanted * 6 / 5 + 2, (k < order ? 5 : 3) * Integer.BYTES),
                String.format(Locale.ROOT, "room for %d %d-grams (n-grams whose suffixes the ARPA file lacks are"
                        + " added)", wanted, k), "a file whose n-grams' suffixes are all listed");
        sizedFor[k] = (int) wanted;
        int[] moved = null;
        for (int j = k; j <= order && tables[j].size() > 0; j++) {
            moved = rebuild(j, moved);
        }
    }

    /**
     * Re-adds the n-grams of order {@code j} into a fresh table sized for {@code sizedFor[j]},
     * mapping their context slots through {@code contextMoved} (null when the order below kept its
     * slots), and returns where each old slot went.
     */
    private int[] rebuild(int j, int[] contextMoved) {
        NgramTable old = tables[j];
        NgramTable fresh = new NgramTable(sizedFor[j], j < order);
        int[] moved = new int[old.capacity()];
        for (int s = 0; s < old.capacity(); s++) {
            if (old.occupied(s)) {
                int context = contextMoved == null ? old.contextSlot(s) : contextMoved[old.contextSlot(s)];
                moved[s] = fresh.add(context, old.word(s), old.log10Prob(s), old.log10Backoff(s));
            }
        }
        tables[j] = fresh;
        return moved;
    }

    /** The model, normalised. */
    public NgramModel build() {
        return build(ScoreKind.PROBABILITY, 0f);
    }

    /**
     * The model.
     *
     * @param missingContextLog10 what scoring adds for each context level it never saw (0 in ARPA
     *                            semantics, log10 α for stupid backoff)
     */
    public NgramModel build(ScoreKind kind, float missingContextLog10) {
        return new NgramModel(vocabulary, order, unigramProb, unigramBackoff, tables, kind, missingContextLog10,
                suffixClosed, unkResetsContext, kenlmWordIds);
    }

    /** Records the ids KenLM gives the words (set when the model is read from an ARPA file). */
    public void kenlmWordIds(KenlmWordIds ids) {
        kenlmWordIds = java.util.Objects.requireNonNull(ids, "ids");
    }

    /**
     * Makes scoring forget the context after {@code <unk>}. KenLM's query does not (it keeps the
     * context, as an ordinary word's); see {@code UnknownWord.FORGETS_CONTEXT}.
     */
    public void unknownWordResetsContext() {
        unkResetsContext = true;
    }

    /**
     * Declares that some stored n-gram's suffix is not stored (possible in ARPA files), so that
     * scoring must look past a missing order.
     */
    public void notSuffixClosed() {
        suffixClosed = false;
    }
}
