package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.spill.IndexedRecords;
import io.lmkit.ngram.spill.KeyRepeats;
import io.lmkit.ngram.spill.Payload;
import io.lmkit.ngram.spill.RecordCopy;
import io.lmkit.ngram.spill.RecordOrder;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.RunFile;
import io.lmkit.ngram.spill.SortedRecords;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Interpolated Kneser-Ney probabilities from the adjusted counts in sorted runs, order by order
 * from the unigrams up, in bounded memory, with the arithmetic of {@link KneserNey}:
 * <ol>
 *   <li>order k, its words now vocabulary ids, re-sorted by context, which is the model's trie order: the
 *       n-grams hx of each context h are together (Σx a(hx), N1, N2, N3+(h•)), and each stored n-gram is
 *       numbered by its rank in that order, its words written to a run in that order;</li>
 *   <li>each n-gram with its context's sums and its rank re-sorted by suffix and joined with order k−1's
 *       probabilities, also in suffix order: u(hx) = (a − D(a)) / Σx a(hx), γ(h) (see {@link KneserNey#gamma})
 *       and p(hx) = u(hx) + γ(h)·p(x|h'), written as a run for order k+1;</li>
 *   <li>the stored p(hx) and p(x|h') put at the n-gram's rank ({@link IndexedRecords}), read back in trie order
 *       beside the run of the words: the sink gets order k's n-grams in that order, and every n-gram h of order
 *       k−1, read in trie order from the run of words order k−1 kept, with how many of them extend it and, after
 *       them, its backoff, as {@code BackoffNormalizer} sets it (the terms added in the order it adds them), so
 *       that neither the values nor a model table need a sort back to trie order.</li>
 * </ol>
 * Memory: the two sorters' shares (the second's goes to the placed values once the first is read), and the
 * n-grams of one context at a time (at most one per vocabulary word).
 *
 * <p>With pruning, the adjusted-count runs mark the n-grams the model drops ({@link SortedDiscounts}); their
 * probabilities are computed all the same (a longer n-gram's may interpolate with them, as in memory) but the
 * sink never gets them, and they add nothing to their context's backoff.
 */
public final class SortedProbabilities {

    /**
     * Receives the probabilities: unigrams first (every vocabulary word), then each order in trie order (by
     * vocabulary id, lexicographic, first word first), its n-grams and the backoffs of the order below together
     * (a context's backoff after its n-grams, so the backoffs of order k−1 come in trie order too). Only the
     * n-grams the model stores come. Arrays given are read at once: they are reused.
     */
    public interface Sink {
        /** p(w) of vocabulary word {@code word} (1 for {@code <s>}, as the in-memory estimation stores it). */
        void unigram(int word, double p);

        /**
         * The stored log10 p of the n-gram of order {@code k} ≥ 2 whose vocabulary ids are {@code ids}: float32,
         * at most 0, as the in-memory estimation stores it.
         */
        void ngram(int k, int[] ids, float log10p);

        /**
         * Order {@code k}'s n-gram {@code ids} (k from 1 to the order − 1; every vocabulary word for k = 1) as a context:
         * how many stored n-grams of order k+1 extend it ({@code followers}, 0 for none), and its log10 backoff, as
         * {@code BackoffNormalizer} sets it from the stored probabilities (0 where no n-gram extends it). Every
         * stored n-gram of order k comes once, in trie order, while order k+1's n-grams come; one with followers
         * comes after them.
         */
        void backoff(int k, int[] ids, double log10Backoff, int followers);
    }

    private SortedProbabilities() {
    }

    /** Estimates every probability; the adjusted-count runs are read once and deleted. */
    public static void estimate(SortedCounts counts, SortedDiscounts.Adjusted adjusted, long memoryBytes,
                                SpillFolder folder, Sink sink) {
        estimate(counts, adjusted, memoryBytes, folder, sink, orders -> { });
    }

    /**
     * Estimates every probability; the adjusted-count runs are read once and deleted. {@code ordersDone} is told
     * the number of orders whose probabilities (and their contexts' backoffs) are done, 1 up to the order.
     */
    public static void estimate(SortedCounts counts, SortedDiscounts.Adjusted adjusted, long memoryBytes,
                                SpillFolder folder, Sink sink, java.util.function.LongConsumer ordersDone) {
        estimate(counts, adjusted, memoryBytes, folder, sink, Start.BEGINNING,
                (k, lower, lowerIds) -> ordersDone.accept(k));
    }

    /**
     * Where an estimation starts: after {@code ordersDone} orders (0: from the unigrams), with the probability
     * run of the highest of them ({@code lower}; null for none) and its stored n-grams' words in trie order
     * ({@code lowerIds}; null for none, or for the unigrams, which are every word), as a checkpoint kept them.
     */
    record Start(int ordersDone, RunFile lower, RunFile lowerIds) {
        static final Start BEGINNING = new Start(0, null, null);
    }

    /** Told when an order is done. */
    @FunctionalInterface
    interface OrderDone {
        /**
         * Order {@code k}'s probabilities, and the backoffs of its contexts, went to the sink; {@code lower} is its
         * probability run and {@code lowerIds} its stored n-grams' words in trie order, which order k+1 reads (both
         * null for the highest order; {@code lowerIds} null for the unigrams, which are every word).
         */
        void done(int k, RunFile lower, RunFile lowerIds) throws IOException;
    }

    /** Estimates the orders after {@code start}, telling {@code orderDone} as each ends. */
    static void estimate(SortedCounts counts, SortedDiscounts.Adjusted adjusted, long memoryBytes,
                         SpillFolder folder, Sink sink, Start start, OrderDone orderDone) {
        try {
            RunFile lower = start.lower();
            RunFile lowerIds = start.lowerIds();
            int done = start.ordersDone();
            if (done == 0) {
                lower = unigrams(counts, adjusted, folder, sink);
                orderDone.done(1, lower, null);
                done = 1;
            }
            for (int k = done + 1; k <= counts.order(); k++) {
                Lower next = order(k, counts, adjusted, lower, lowerIds, k < counts.order(), memoryBytes, folder,
                        sink);
                lower = next.probabilities();
                lowerIds = next.ids();
                orderDone.done(k, lower, lowerIds);
            }
        } catch (IOException e) {
            throw new LmkitException("cannot read the sorted n-gram runs in " + folder.path() + ": "
                    + e.getMessage() + SpillFolder.READ_FAILED_FIX, e);
        }
    }

    /** p(w) for every word, as {@code KneserNey.build} computes it; returns the run of the seen words' p. */
    private static RunFile unigrams(SortedCounts counts, SortedDiscounts.Adjusted adjusted, SpillFolder folder,
                                    Sink sink) throws IOException {
        Vocabulary v = counts.vocabulary();
        long[] a = new long[v.size()];
        boolean[] seen = new boolean[v.size()];
        try (RecordSource s = adjusted.adjusted()[1].open()) {
            while (s.next()) {
                int w = counts.word(s.words()[0]);
                a[w] = s.count();
                seen[w] = true;
            }
        }
        double total = 0;
        long[] nk = new long[4];
        for (long x : a) {
            total += x;
            if (x > 0) {
                nk[(int) Math.min(x, 3)]++;
            }
        }
        Discounts d1 = adjusted.discounts()[1];
        double uniform = (d1.d1() * nk[1] + d1.d2() * nk[2] + d1.d3() * nk[3]) / total / v.predictedCount();
        double[] p = new double[v.size()];
        for (int w = 0; w < v.size(); w++) {
            p[w] = w == v.bos() ? 1.0 : (a[w] - d1.of(a[w])) / total + uniform;
            sink.unigram(w, p[w]);
        }
        // The seen words by vocabulary id, which is suffix order for one word: the words of the higher orders'
        // runs are vocabulary ids too.
        RunFile.Writer out = RunFile.writer(folder, "p-1", 3, 1);
        int[] record = new int[3];
        for (int w = 0; w < v.size(); w++) {
            if (seen[w]) {
                record[0] = w;
                Payload.putDouble(record, 1, p[w]);
                out.add(record, 0);
            }
        }
        return out.finish();
    }

    /**
     * What order k+1 reads of order k: its probabilities in suffix order, and its stored n-grams' words in trie
     * order (both null after the highest order).
     */
    private record Lower(RunFile probabilities, RunFile ids) {
    }

    /**
     * Order k's probabilities and the backoffs of order k−1, from order k−1's probabilities ({@code lower}) and
     * stored n-grams ({@code lowerIds}, null for the unigrams), both read and deleted; returns order k's when
     * {@code higherFollows}, else nulls (the highest order's would be written only to lie on the temporary disk
     * until the end).
     */
    private static Lower order(int k, SortedCounts counts, SortedDiscounts.Adjusted adjusted, RunFile lower,
                               RunFile lowerIds, boolean higherFollows, long memoryBytes, SpillFolder folder,
                               Sink sink) throws IOException {
        ContextPass pass = contextPass(k, counts, adjusted, memoryBytes, folder);
        // Each stored n-gram's stored log10 p(hw) (float32 bits) and p(h'w) as BackoffNormalizer adds it (float64),
        // put at the n-gram's rank in trie order, which the context pass counted: no sort back to that order.
        IndexedRecords inTrieOrder = new IndexedRecords("trie-" + k, pass.stored(), 3, memoryBytes / 2, folder);
        RunFile.Writer out = higherFollows ? RunFile.writer(folder, "p-" + k, k + 2, k) : null;
        int[] record = new int[k + 2];
        int[] values = new int[3];
        Discounts d = adjusted.discounts()[k];
        try (RecordSource s = pass.bySuffix().sorted(); RecordSource p = lower.open()) {
            boolean more = p.next();
            boolean lowerRead = false; // whether lowerP and lowerTerm are the current lower record's
            double lowerP = 0;
            double lowerTerm = 0;
            while (s.next()) {
                int[] g = s.words();
                // The suffix g[1..k) is an n-gram of order k−1; both streams are in suffix order.
                int c = more ? RecordOrder.SUFFIX.compare(p.words(), 0, g, 1, k - 1) : 1;
                while (c < 0) {
                    more = p.next();
                    lowerRead = false;
                    c = more ? RecordOrder.SUFFIX.compare(p.words(), 0, g, 1, k - 1) : 1;
                }
                if (c != 0) {
                    throw new IllegalStateException("the suffix of a " + k + "-gram " + Arrays.toString(
                            Arrays.copyOf(g, k)) + " is not among the " + (k - 1) + "-grams; the runs are inconsistent");
                }
                if (!lowerRead) {
                    // Once per lower n-gram, not per n-gram that ends with it: what BackoffNormalizer adds for
                    // p(h'w), the stored value (float32 log10, float64 for a unigram) raised back.
                    lowerP = Payload.getDouble(p.words(), k - 1);
                    double storedLower = k - 1 == 1 ? Math.min(0.0, Math.log10(lowerP))
                            : (float) Math.min(0.0, Math.log10(lowerP));
                    lowerTerm = Math.pow(10, storedLower);
                    lowerRead = true;
                }
                // u(hx) and γ(h) from a(hx) and h's Σ a(h•), N1, N2, N3+ (see ContextGroups), as KneserNey has them.
                long count = SortedDiscounts.adjustedCount(s.count());
                double total = Payload.getLong(g, k);
                double u = (count - d.of(count)) / total;
                double gamma = KneserNey.gamma(d, g[k + 2], g[k + 3], g[k + 4], total);
                double prob = u + gamma * lowerP;
                if (out != null) {
                    RecordCopy.copy(g, 0, record, 0, k);
                    Payload.putDouble(record, k, prob);
                    out.add(record, 0);
                }
                if (s.count() < 0) {
                    continue; // pruned: not stored, so neither in the model nor in its context's backoff
                }
                values[0] = Float.floatToRawIntBits((float) Math.min(0.0, Math.log10(prob)));
                Payload.putDouble(values, 1, lowerTerm);
                inTrieOrder.put(g[k + 5], values, 0);
            }
        }
        // Order k's words are read again by order k+1, to give every n-gram of order k its followers.
        try (RecordSource ids = higherFollows ? pass.trieOrder().openKeeping() : pass.trieOrder().open();
             RecordSource v = inTrieOrder.inIndexOrder();
             RecordSource parents = lowerIds == null ? everyWord(counts.vocabulary().size()) : lowerIds.open()) {
            backoffs(k, ids, v, new Contexts(k - 1, parents, sink), sink);
        }
        return higherFollows ? new Lower(out.finish(), pass.trieOrder()) : new Lower(null, null);
    }

    /** Every vocabulary id in order, each a record of one word: the unigrams, in trie order. */
    private static RecordSource everyWord(int vocabularySize) {
        return new RecordSource() {
            private final int[] word = {-1};

            @Override
            public int width() {
                return 1;
            }

            @Override
            public boolean next() {
                if (word[0] + 1 >= vocabularySize) {
                    word[0] = vocabularySize;
                    return false;
                }
                word[0]++;
                return true;
            }

            @Override
            public int[] words() {
                return word;
            }

            @Override
            public long count() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * What the context pass of order k gives: the sorter that gives its n-grams back in suffix order with their
     * contexts' sums and their ranks in trie order, the stored n-grams' words in trie order, and how many those are.
     */
    private record ContextPass(SortedRecords bySuffix, RunFile trieOrder, long stored) {
    }

    /**
     * Order k re-sorted by context of the vocabulary ids (trie order) for u(hx) and γ(h), each stored n-gram
     * numbered in that order.
     */
    private static ContextPass contextPass(int k, SortedCounts counts, SortedDiscounts.Adjusted adjusted,
                                           long memoryBytes, SpillFolder folder) throws IOException {
        // The count is the adjusted count, negative for an n-gram pruning drops (SortedDiscounts.prunedCount).
        // From here on the words are vocabulary ids, not counting's numbers: context order of the ids is the
        // model's trie order.
        SortedRecords byContext = new SortedRecords("context-" + k, k, k, RecordOrder.CONTEXT, KeyRepeats.FEW,
                memoryBytes / 2, folder);
        int[] ids = new int[k];
        try (RecordSource s = adjusted.adjusted()[k].open()) {
            while (s.next()) {
                int[] w = s.words();
                for (int i = 0; i < k; i++) {
                    ids[i] = counts.word(w[i]);
                }
                byContext.add(ids, s.count());
            }
        }
        // (the n-gram, its context's Σ a(h•) as a long, N1, N2, N3+(h•), its rank in trie order) with a(hx) as the
        // count, all varints: u and γ as float64s took 16 bytes a record where these take about 5, and are
        // computed from them alike.
        SortedRecords bySuffix = new SortedRecords("interpolate-" + k, k + 6, k, k + 6, RecordOrder.SUFFIX,
                KeyRepeats.FEW, memoryBytes / 2, folder);
        RunFile.Writer trieOrder = RunFile.writer(folder, "trie-ids-" + k, k, k);
        ContextGroups groups = new ContextGroups(k, bySuffix, trieOrder);
        try (RecordSource s = byContext.sorted()) {
            groups.read(s);
        }
        return new ContextPass(bySuffix, trieOrder.finish(), groups.stored);
    }

    /**
     * Gives the sink every stored k-gram's probability and every (k−1)-gram's followers and backoff, from the
     * stored k-grams' ids ({@code ids}) and values ({@code values}: the stored log10 p as float32 bits, then the
     * lower term as a float64), both in trie order: bo(h) = (1 − Σ p(w|h)) / (1 − Σ p(w|h')), the terms added in
     * that order, as {@code BackoffNormalizer} adds them.
     */
    private static void backoffs(int k, RecordSource ids, RecordSource values, Contexts contexts, Sink sink)
            throws IOException {
        int[] context = new int[k - 1];
        ContextTerms terms = new ContextTerms();
        while (ids.next()) {
            if (!values.next()) {
                throw new IllegalStateException("order " + k + " has more n-grams than probabilities");
            }
            int[] r = ids.words();
            if (terms.size() > 0 && RecordOrder.CONTEXT.compare(context, 0, r, 0, k - 1) != 0) {
                int followers = terms.size();
                contexts.extended(context, terms.log10Backoff(), followers);
            }
            float stored = Float.intBitsToFloat(values.words()[0]);
            sink.ngram(k, r, stored);
            RecordCopy.copy(r, 0, context, 0, k - 1);
            // What BackoffNormalizer adds: the stored p(hw) (float32) raised back, and the stored p(h'w) (so raised
            // when the record was made).
            terms.add(Math.pow(10, stored), Payload.getDouble(values.words(), 1));
        }
        if (values.next()) {
            throw new IllegalStateException("order " + k + " has more probabilities than n-grams");
        }
        if (terms.size() > 0) {
            int followers = terms.size();
            contexts.extended(context, terms.log10Backoff(), followers);
        }
        contexts.rest();
    }

    /**
     * The stored n-grams of order j (the contexts of order j+1), read in trie order beside the contexts that n-grams
     * of order j+1 extend, so that the sink gets each of them: those that no n-gram extends with no followers and
     * no backoff. The table of order j+1 points from each of them to its first follower, which needs every one.
     */
    private static final class Contexts {
        private final int j;
        private final RecordSource ngrams;
        private final Sink sink;

        Contexts(int j, RecordSource ngrams, Sink sink) {
            this.j = j;
            this.ngrams = ngrams;
            this.sink = sink;
        }

        /** The context {@code context}, which {@code followers} n-grams extend, and those before it that none do. */
        void extended(int[] context, double log10Backoff, int followers) throws IOException {
            while (ngrams.next()) {
                int c = RecordOrder.CONTEXT.compare(ngrams.words(), 0, context, 0, j);
                if (c == 0) {
                    sink.backoff(j, context, log10Backoff, followers);
                    return;
                }
                if (c > 0) {
                    break;
                }
                sink.backoff(j, ngrams.words(), 0.0, 0);
            }
            throw new IllegalStateException("the context " + Arrays.toString(context) + " of " + followers
                    + " stored " + (j + 1) + "-grams is not a stored " + j + "-gram; the runs are inconsistent");
        }

        /** The n-grams after the last context: none extends them. */
        void rest() throws IOException {
            while (ngrams.next()) {
                sink.backoff(j, ngrams.words(), 0.0, 0);
            }
        }
    }

    /**
     * One context's backoff sums, Σ p(w|h) and Σ p(w|h') over its stored followers, added as they come: in trie
     * order, by the vocabulary id of w, which is the order {@code BackoffNormalizer} (and lm-spark) add them in,
     * so that the float64 sums, and the backoff, are the same bit for bit in every estimator.
     */
    static final class ContextTerms {
        private double seenSum;
        private double lowerSum;
        private int size;

        void add(double seenTerm, double lowerTerm) {
            seenSum += seenTerm;
            lowerSum += lowerTerm;
            size++;
        }

        /** The number of terms added since the last backoff. */
        int size() {
            return size;
        }

        /** The backoff of the terms added, which are then cleared. */
        double log10Backoff() {
            double backoff = BackoffNormalizer.log10Backoff(1 - seenSum, 1 - lowerSum);
            seenSum = 0;
            lowerSum = 0;
            size = 0;
            return backoff;
        }
    }

    /**
     * Reads order k in context order one context at a time, and sends each n-gram with its context's Σ a(h•), N1,
     * N2 and N3+(h•), from which u and γ follow, and its rank among the stored n-grams in this order (trie order),
     * to the suffix sorter; the stored n-grams' words go to a run in this order.
     */
    private static final class ContextGroups {
        private final int k;
        private final SortedRecords out;
        private final RunFile.Writer trieOrder;
        private int[] words;
        private long[] a = new long[16];
        private int size;
        /** The stored n-grams so far: the next one's rank in trie order. */
        long stored;

        ContextGroups(int k, SortedRecords out, RunFile.Writer trieOrder) {
            this.k = k;
            this.out = out;
            this.trieOrder = trieOrder;
            this.words = new int[a.length * k];
        }

        void read(RecordSource s) throws IOException {
            while (s.next()) {
                if (size > 0 && RecordOrder.CONTEXT.compare(words, 0, s.words(), 0, k - 1) != 0) {
                    flush();
                }
                if (size == a.length) {
                    a = Arrays.copyOf(a, size * 2);
                    words = Arrays.copyOf(words, size * 2 * k);
                }
                RecordCopy.copy(s.words(), 0, words, size * k, k);
                a[size++] = s.count();
            }
            if (size > 0) {
                flush();
            }
        }

        private void flush() {
            long total = 0;
            long[] n = new long[4];
            for (int i = 0; i < size; i++) {
                long count = SortedDiscounts.adjustedCount(a[i]);
                total += count;
                if (count > 0) {
                    n[(int) Math.min(count, 3)]++;
                }
            }
            int[] record = new int[k + 6];
            Payload.putLong(record, k, total);
            record[k + 2] = (int) n[1];
            record[k + 3] = (int) n[2];
            record[k + 4] = (int) n[3];
            for (int i = 0; i < size; i++) {
                RecordCopy.copy(words, i * k, record, 0, k);
                record[k + 5] = 0;
                if (a[i] >= 0) { // stored (a pruned n-gram's count is negative): numbered, and its words kept
                    if (stored == Integer.MAX_VALUE) {
                        throw new LmkitException("order " + k + " has more than " + Integer.MAX_VALUE + " n-grams,"
                                + " more than one trie table holds; prune the model (prune=)");
                    }
                    record[k + 5] = (int) stored++;
                    trieOrder.add(words, i * k, 0);
                }
                out.add(record, a[i]);
            }
            size = 0;
        }
    }
}
