package io.lmkit.ngram;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.internal.NgramTable;
import io.lmkit.ngram.internal.OrderTable;
import io.lmkit.ngram.internal.ReencodedTrieOrder;
import io.lmkit.ngram.internal.TrieBuilder;
import io.lmkit.ngram.internal.TrieOrder;
import java.io.IOException;

/**
 * An n-gram language model in backoff form, the form of ARPA files: every stored n-gram has a
 * log10 probability and, when it is a context, a log10 backoff weight. The probability of a word
 * after a context is that of the longest stored n-gram ending in the word, times the backoff
 * weights of the longer contexts that had to be shortened (Katz 1987; the ARPA convention).
 *
 * <p>Interpolated estimates (Kneser-Ney, Witten-Bell, absolute discounting) are stored in this
 * form too, as KenLM writes them: the interpolated probability of every seen n-gram and the
 * interpolation weight γ(h) as the backoff. Stupid backoff uses the same tables with
 * {@link ScoreKind#SCORE}, adding log10 α for every context level it shortens, seen or not.
 *
 * <p>Storage is packed primitives: unigrams in float64 arrays indexed by word id, higher orders in
 * tables of one {@link NgramLayout} (float32 probabilities as in KenLM, float64 backoffs): probing
 * {@link NgramTable}s, or a sorted trie; loaded from a file, the tables are mapped in place. Estimators
 * compute each backoff from the stored probabilities and round it to 30 mantissa bits, so that every
 * next-word distribution sums to 1 within 2e-10 and the trie stores a backoff in about 34 bits.
 * Immutable and safe to share between threads.
 */
public final class NgramModel implements LanguageModel, Sized {

    private static final double LN_10 = Math.log(10);

    // Package-private (not private) so that NgramCursor, the allocation-free scorer, reads the same tables.
    final Vocabulary vocabulary;
    final int order;
    final double[] unigramLog10Prob;
    final double[] unigramLog10Backoff;
    final OrderTable[] tables;
    private final ScoreKind kind;
    final float missingContextLog10;
    final boolean suffixClosed;
    final boolean unkResetsContext;
    private final KenlmWordIds kenlmWordIds;

    /**
     * The log10 probability of a word after a state, with the length of the n-gram that matched.
     *
     * @param log10Prob    log10 P(word | state), {@code -Infinity} for probability 0
     * @param matchedOrder the order of the longest n-gram found (1 for the unigram); for a model
     *                     read from ARPA, an n-gram the file left out but filled in as a suffix of
     *                     a longer one counts, as in KenLM's {@code query}
     * @param next         the state after the word
     * @param kenlmLog10Prob the same sum done as KenLM does it, in float arithmetic over float
     *                       probabilities and backoffs, so that output meant to match KenLM's
     *                       {@code query} byte for byte has its last digit too
     */
    public record FullScore(double log10Prob, int matchedOrder, NgramState next, float kenlmLog10Prob) {
    }

    NgramModel(Vocabulary vocabulary, int order, double[] unigramLog10Prob, double[] unigramLog10Backoff,
               OrderTable[] tables, ScoreKind kind, float missingContextLog10, boolean suffixClosed,
               boolean unkResetsContext, KenlmWordIds kenlmWordIds) {
        this.vocabulary = vocabulary;
        this.order = order;
        this.unigramLog10Prob = unigramLog10Prob;
        this.unigramLog10Backoff = unigramLog10Backoff;
        this.tables = tables;
        this.kind = kind;
        this.missingContextLog10 = missingContextLog10;
        this.suffixClosed = suffixClosed;
        this.unkResetsContext = unkResetsContext;
        this.kenlmWordIds = kenlmWordIds;
    }

    @Override
    public long sizeCount() {
        long n = 0;
        for (long c : ngramCounts()) {
            n += c;
        }
        return n;
    }

    @Override
    public String sizeUnit() {
        return "n-grams";
    }

    /** The order n: the model conditions on at most n−1 previous words. */
    public int order() {
        return order;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ScoreKind scoreKind() {
        return kind;
    }

    @Override
    public NgramState begin() {
        return order == 1 ? nullContext() : new NgramState(new int[] {vocabulary.bos()}, 1);
    }

    /** The state with no context at all, not even {@code <s>} (KenLM's {@code NullContextState}). */
    public NgramState nullContext() {
        return new NgramState(new int[0], 0);
    }

    /**
     * Whether the context is forgotten after {@code <unk>} ({@code UnknownWord.RESETS_CONTEXT}); KenLM's
     * query keeps it, as lmkit does by default.
     */
    public boolean unknownWordResetsContext() {
        return unkResetsContext;
    }

    /**
     * Whether every stored n-gram's suffix is stored too. Estimated models always are; an ARPA
     * file may not be (SRILM's pruning leaves such gaps), and then scoring looks past a missing
     * order instead of stopping there.
     */
    public boolean suffixClosed() {
        return suffixClosed;
    }

    @Override
    public Score score(ModelState state, int word) {
        FullScore s = fullScore(state, word);
        return new Score(s.log10Prob() * LN_10, s.next());
    }

    /**
     * Scores {@code word} after {@code state} in the manner of KenLM's {@code FullScore}.
     *
     * @throws IllegalArgumentException for {@code <s>}, a word outside the vocabulary, or a state
     *                                  of another model
     */
    public FullScore fullScore(ModelState state, int word) {
        if (!(state instanceof NgramState in)) {
            throw new IllegalArgumentException("not a state of an n-gram model: " + state);
        }
        if (word < 0 || word >= unigramLog10Prob.length) {
            throw new IllegalArgumentException("word id " + word + " is outside the vocabulary of "
                    + unigramLog10Prob.length + " ids");
        }
        if (word == vocabulary.bos()) {
            throw new IllegalArgumentException("<s> is context only and is never predicted");
        }
        int[] context = in.slots;
        int known = context.length;
        int limit = Math.min(known + 1, order);
        int[] found = new int[Math.min(limit, order - 1)];
        if (found.length > 0) {
            found[0] = word;
        }
        double log10 = unigramLog10Prob[word];
        float kenlm = (float) log10;
        int matched = 1;
        for (int j = 2; j <= limit; j++) {
            int contextSlot = context[j - 2];
            int slot = contextSlot < 0 ? -1 : tables[j].find(contextSlot, word);
            if (slot < 0) {
                if (suffixClosed) {
                    break;
                }
                // A gap in a file that is not suffix-closed: a longer n-gram may still be stored.
                if (j - 1 < found.length) {
                    found[j - 1] = -1;
                }
                continue;
            }
            log10 = tables[j].log10Prob(slot);
            kenlm = tables[j].log10Prob(slot);
            matched = j;
            if (j - 1 < found.length) {
                found[j - 1] = slot;
            }
        }
        // Back off from every known context longer than the matched n-gram's context.
        for (int k = matched; k <= known; k++) {
            int c = context[k - 1];
            if (c >= 0) {
                double backoff = k == 1 ? unigramLog10Backoff[c] : tables[k].log10Backoff(c);
                log10 += backoff;
                kenlm += (float) backoff;
            }
        }
        log10 += missingContextLog10 * (in.history - known);
        kenlm += missingContextLog10 * (in.history - known);
        if (unkResetsContext && word == vocabulary.unk()) {
            // Only on request: KenLM's query keeps the context after an out-of-vocabulary word.
            return new FullScore(log10, 1, nullContext(), kenlm);
        }
        int nextLength = Math.min(matched, order - 1);
        int[] nextSlots = nextLength == found.length ? found : java.util.Arrays.copyOf(found, nextLength);
        return new FullScore(log10, matched, new NgramState(nextSlots, Math.min(in.history + 1, order - 1)),
                kenlm);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        for (int w = 0; w < lnProbs.length; w++) {
            lnProbs[w] = w == vocabulary.bos() ? Double.NEGATIVE_INFINITY : fullScore(state, w).log10Prob() * LN_10;
        }
    }

    /**
     * A new {@link NgramCursor} over this model: {@link #fullScore} one word after another without
     * allocating, for one thread at a time.
     */
    public NgramCursor cursor() {
        return new NgramCursor(this);
    }

    /** The number of n-grams of each order, index 0 for unigrams. */
    public long[] ngramCounts() {
        long[] counts = new long[order];
        counts[0] = unigramLog10Prob.length;
        for (int k = 2; k <= order; k++) {
            counts[k - 1] = tables[k].size();
        }
        return counts;
    }

    /** Bytes of memory the tables of each order take, index 0 for unigrams. */
    public long[] bytesPerOrder() {
        long[] bytes = new long[order];
        bytes[0] = 2 * (16L + 8L * unigramLog10Prob.length);
        for (int k = 2; k <= order; k++) {
            bytes[k - 1] = tables[k].bytes();
        }
        return bytes;
    }

    /**
     * One stored n-gram's values.
     *
     * @param log10Prob    its log10 probability, {@code -Infinity} for 0
     * @param log10Backoff its log10 backoff weight, 0 when it is never shortened as a context
     */
    public record Entry(double log10Prob, double log10Backoff) {
    }

    /** Receives the stored n-grams of one order. */
    @FunctionalInterface
    public interface NgramVisitor {
        /** {@code words} holds the n-gram's word ids, first to last; it is reused between calls. */
        void visit(int[] words, double log10Prob, double log10Backoff);
    }

    /** The stored values of the n-gram {@code words} (word ids, first to last), if the model has it. */
    public java.util.Optional<Entry> entry(int... words) {
        if (words.length < 1 || words.length > order) {
            return java.util.Optional.empty();
        }
        int slot = words[0];
        if (slot < 0 || slot >= unigramLog10Prob.length) {
            return java.util.Optional.empty();
        }
        for (int k = 2; k <= words.length; k++) {
            slot = tables[k].find(slot, words[k - 1]);
            if (slot < 0) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(words.length == 1
                ? new Entry(unigramLog10Prob[slot], unigramLog10Backoff[slot])
                : new Entry(tables[words.length].log10Prob(slot), tables[words.length].log10Backoff(slot)));
    }

    /** Visits every stored n-gram of order {@code k} (for k = 1, every vocabulary word in id order). */
    public void forEachNgram(int k, NgramVisitor visitor) {
        int[] words = new int[k];
        if (k == 1) {
            for (int w = 0; w < unigramLog10Prob.length; w++) {
                words[0] = w;
                visitor.visit(words, unigramLog10Prob[w], unigramLog10Backoff[w]);
            }
            return;
        }
        OrderTable table = tables[k];
        for (int slot = 0; slot < table.idLimit(); slot++) {
            if (table.occupied(slot)) {
                int s = slot;
                for (int j = k; j >= 2; j--) {
                    words[j - 1] = tables[j].word(s);
                    s = tables[j].contextId(s);
                }
                words[0] = s;
                visitor.visit(words, table.log10Prob(slot), table.log10Backoff(slot));
            }
        }
    }

    /** The ids KenLM gives this model's words: those of the ARPA file it was read from, else lmkit's own. */
    public KenlmWordIds kenlmWordIds() {
        return kenlmWordIds;
    }

    /** The layout of the tables of orders 2 and up (probing for a unigram model). */
    public NgramLayout layout() {
        if (order < 2) {
            return NgramLayout.PROBING;
        }
        if (tables[2] instanceof TrieOrder t) {
            return new NgramLayout(TrieOrder.LAYOUT, t.quantizedProbBits(), t.quantizedBackoffBits());
        }
        if (tables[2] instanceof ReencodedTrieOrder t) {
            return new NgramLayout(TrieOrder.LAYOUT, t.quantizedProbBits(), t.quantizedBackoffBits());
        }
        return NgramLayout.PROBING;
    }

    /**
     * This model with its tables in {@code layout}: the same n-grams, scoring bit for bit the same unless
     * the layout quantises. From trie tables to trie tables (quantising a trie model, say), the tables are
     * views of this model's that re-encode the values as they are written ({@link ReencodedTrieOrder}): a mapped
     * model of billions of n-grams converts in the heap one column of one order needs, not the model's size.
     */
    public NgramModel withLayout(NgramLayout layout) {
        OrderTable[] converted;
        if (layout.name().equals(TrieOrder.LAYOUT) && order >= 2 && allTries()) {
            converted = new OrderTable[tables.length];
            for (int k = 2; k <= order; k++) {
                converted[k] = new ReencodedTrieOrder((TrieOrder) tables[k], vocabulary.size(), layout.quantizeProb(),
                        layout.quantizeBackoff());
            }
        } else {
            converted = layout.name().equals(TrieOrder.LAYOUT)
                    ? new TrieBuilder(vocabulary.size(), layout.quantizeProb(), layout.quantizeBackoff()).build(tables)
                    : NgramTable.copyOf(tables);
        }
        return new NgramModel(vocabulary, order, unigramLog10Prob, unigramLog10Backoff, converted, kind,
                missingContextLog10, suffixClosed, unkResetsContext, kenlmWordIds);
    }

    private boolean allTries() {
        for (int k = 2; k <= order; k++) {
            if (!(tables[k] instanceof TrieOrder)) {
                return false;
            }
        }
        return true;
    }

    /** What the model file stores, for {@link NgramModelFiles}. */
    NgramModelFiles.Parts parts() {
        return new NgramModelFiles.Parts(order, unigramLog10Prob, unigramLog10Backoff, tables, kind,
                missingContextLog10, suffixClosed, unkResetsContext, kenlmWordIds);
    }

    /** A model of {@code parts} over {@code vocabulary}, for {@link NgramModelFiles}. */
    static NgramModel of(Vocabulary vocabulary, NgramModelFiles.Parts p) {
        return new NgramModel(vocabulary, p.order(), p.unigramLog10Prob(), p.unigramLog10Backoff(), p.tables(),
                p.kind(), p.missingContextLog10(), p.suffixClosed(), p.unkResetsContext(), p.kenlmWordIds());
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        NgramModelFiles.write(parts(), sink);
    }

    /**
     * Reads the model that {@link #writeData} wrote into a model file (or an older lmkit wrote): its tables
     * are mapped from the file where they are stored uncompressed.
     */
    public static NgramModel readData(io.lmkit.core.model.ModelDataSource source, Vocabulary vocabulary)
            throws IOException {
        return of(vocabulary, NgramModelFiles.read(source, vocabulary.size()));
    }
}
