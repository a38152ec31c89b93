package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.spill.KeyRepeats;
import io.lmkit.ngram.spill.Payload;
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
 *   <li>order k re-sorted by context, so that the n-grams hx of each context h are together: Σx a(hx),
 *       N1, N2, N3+(h•), then u(hx) = (a − D(a)) / Σx a(hx) and γ(h) (see {@link KneserNey#gamma});</li>
 *   <li>re-sorted by suffix and joined with order k−1's probabilities, also in suffix order:
 *       p(hx) = u(hx) + γ(h)·p(x|h'), written as a run for order k+1;</li>
 *   <li>the stored p(hx) and p(x|h') re-sorted by context: the backoff of every context h of order k−1,
 *       as {@code BackoffNormalizer} sets it; the sink gets p(hx) in this order too, so that a model table
 *       built from it finds each context once, not once per n-gram.</li>
 * </ol>
 * Memory: the two sorters' share, and the n-grams of one context at a time.
 *
 * <p>With pruning, the adjusted-count runs mark the n-grams the model drops ({@link SortedDiscounts}); their
 * probabilities are computed all the same (a longer n-gram's may interpolate with them, as in memory) but the
 * sink never gets them, and they add nothing to their context's backoff.
 */
public final class SortedProbabilities {

    /**
     * Receives the probabilities: unigrams first (every vocabulary word), then each order in context order, its
     * n-grams and the backoffs of the order below together (a context's backoff after its n-grams). Arrays
     * given are read at once: they are reused.
     */
    public interface Sink {
        /** p(w) of vocabulary word {@code word} (1 for {@code <s>}, as the in-memory estimation stores it). */
        void unigram(int word, double p);

        /** p of the n-gram of order {@code k} ≥ 2 whose words, numbered as {@link SortedCounts} numbers them, are {@code ranks}. */
        void ngram(int k, int[] ranks, double p);

        /**
         * The log10 backoff of the context {@code ranks} of order {@code k} (≥ 1), one that some n-gram of
         * order k+1 extends, as {@code BackoffNormalizer} sets it from the stored probabilities.
         */
        void backoff(int k, int[] ranks, double log10Backoff);
    }

    /** The flag a record carries for an n-gram the model stores, and for one that pruning drops. */
    private static final int STORED = 1;
    private static final int PRUNED = 0;

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
        try {
            RunFile lower = unigrams(counts, adjusted, folder, sink);
            ordersDone.accept(1);
            for (int k = 2; k <= counts.order(); k++) {
                lower = order(k, adjusted, lower, k < counts.order(), memoryBytes, folder, sink);
                ordersDone.accept(k);
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
        int[] rankOf = new int[v.size()];
        int[] seen = new int[v.size()];
        int seenCount = 0;
        try (RecordSource s = adjusted.adjusted()[1].open()) {
            while (s.next()) {
                int w = counts.word(s.words()[0]);
                a[w] = s.count();
                rankOf[w] = s.words()[0];
                seen[seenCount++] = w;
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
        RunFile.Writer out = RunFile.writer(folder, "p-1", 3, 1);
        int[] record = new int[3];
        for (int i = 0; i < seenCount; i++) {
            record[0] = rankOf[seen[i]];
            Payload.putDouble(record, 1, p[seen[i]]);
            out.add(record, 0);
        }
        return out.finish();
    }

    /** Order k: by context for u and γ, then by suffix joined with order k−1's p; returns order k's p run. */
    /**
     * Order k's probabilities and the backoffs of order k−1, from order k−1's probabilities ({@code lower}, read
     * and deleted); returns order k's as a run when {@code higherFollows}, else null (the highest order's would be
     * written only to lie on the temporary disk until the end).
     */
    private static RunFile order(int k, SortedDiscounts.Adjusted adjusted, RunFile lower, boolean higherFollows,
                                 long memoryBytes, SpillFolder folder, Sink sink) throws IOException {
        SortedRecords bySuffix = contextPass(k, adjusted, memoryBytes, folder);
        SortedRecords forBackoffs = new SortedRecords("backoff-" + k, k + 5, k, RecordOrder.CONTEXT, KeyRepeats.FEW,
                memoryBytes / 2, folder);
        RunFile.Writer out = higherFollows ? RunFile.writer(folder, "p-" + k, k + 2, k) : null;
        int[] record = new int[k + 2];
        int[] terms = new int[k + 5];
        try (RecordSource s = bySuffix.sorted(); RecordSource p = lower.open()) {
            boolean more = p.next();
            while (s.next()) {
                int[] g = s.words();
                // The suffix g[1..k) is an n-gram of order k−1; both streams are in suffix order.
                while (more && RecordOrder.SUFFIX.compare(p.words(), 0, g, 1, k - 1) < 0) {
                    more = p.next();
                }
                if (!more || RecordOrder.SUFFIX.compare(p.words(), 0, g, 1, k - 1) != 0) {
                    throw new IllegalStateException("the suffix of a " + k + "-gram " + Arrays.toString(
                            Arrays.copyOf(g, k)) + " is not among the " + (k - 1) + "-grams; the runs are inconsistent");
                }
                double lowerP = Payload.getDouble(p.words(), k - 1);
                double prob = Payload.getDouble(g, k) + Payload.getDouble(g, k + 2) * lowerP;
                if (out != null) {
                    System.arraycopy(g, 0, record, 0, k);
                    Payload.putDouble(record, k, prob);
                    out.add(record, 0);
                }
                // p(hw), which goes to the sink in context order with the backoffs, and p(h'w): BackoffNormalizer
                // adds the stored values of both, computed from these when read (the stored p(hw) need not travel).
                System.arraycopy(g, 0, terms, 0, k);
                Payload.putDouble(terms, k, prob);
                Payload.putDouble(terms, k + 2, lowerP);
                terms[k + 4] = g[k + 4];
                forBackoffs.add(terms, 0);
            }
        }
        try (RecordSource s = forBackoffs.sorted()) {
            backoffs(k, s, sink);
        }
        return out == null ? null : out.finish();
    }

    /** Order k re-sorted by context for u(hx) and γ(h); returns the sorter that gives them back in suffix order. */
    private static SortedRecords contextPass(int k, SortedDiscounts.Adjusted adjusted, long memoryBytes,
                                             SpillFolder folder) throws IOException {
        // The count is the adjusted count, negative for an n-gram pruning drops (SortedDiscounts.prunedCount).
        SortedRecords byContext = new SortedRecords("context-" + k, k, k, RecordOrder.CONTEXT, KeyRepeats.FEW,
                memoryBytes / 2, folder);
        try (RecordSource s = adjusted.adjusted()[k].open()) {
            while (s.next()) {
                byContext.add(s.words(), s.count());
            }
        }
        SortedRecords bySuffix = new SortedRecords("interpolate-" + k, k + 5, k, RecordOrder.SUFFIX, KeyRepeats.FEW,
                memoryBytes / 2, folder);
        try (RecordSource s = byContext.sorted()) {
            new ContextGroups(k, adjusted.discounts()[k], bySuffix).read(s);
        }
        return bySuffix;
    }

    /**
     * Gives the sink every k-gram's probability and every (k−1)-gram context's backoff, from the k-grams in
     * context order: bo(h) = (1 − Σ p(w|h)) / (1 − Σ p(w|h')), the terms added by word number within h as
     * {@code BackoffNormalizer} adds them.
     */
    private static void backoffs(int k, RecordSource s, Sink sink) throws IOException {
        int[] context = new int[k - 1];
        int[] gram = new int[k];
        double seen = 0;
        double lower = 0;
        boolean any = false;
        while (s.next()) {
            int[] r = s.words();
            if (r[k + 4] == PRUNED) {
                continue; // not stored, so neither in the model nor in its context's backoff
            }
            System.arraycopy(r, 0, gram, 0, k);
            double prob = Payload.getDouble(r, k);
            sink.ngram(k, gram, prob);
            if (any && RecordOrder.CONTEXT.compare(context, 0, r, 0, k - 1) != 0) {
                sink.backoff(k - 1, context.clone(), BackoffNormalizer.log10Backoff(1 - seen, 1 - lower));
                seen = 0;
                lower = 0;
            }
            System.arraycopy(r, 0, context, 0, k - 1);
            // What BackoffNormalizer adds: the stored p(hw) (float32) and the stored p(h'w) (float64 for a unigram).
            seen += Math.pow(10, (float) Math.min(0.0, Math.log10(prob)));
            double lowerP = Payload.getDouble(r, k + 2);
            double storedLower = k - 1 == 1 ? Math.min(0.0, Math.log10(lowerP))
                    : (float) Math.min(0.0, Math.log10(lowerP));
            lower += Math.pow(10, storedLower);
            any = true;
        }
        if (any) {
            sink.backoff(k - 1, context.clone(), BackoffNormalizer.log10Backoff(1 - seen, 1 - lower));
        }
    }

    /** Reads order k in context order one context at a time, and sends each n-gram with u and γ to the suffix sorter. */
    private static final class ContextGroups {
        private final int k;
        private final Discounts d;
        private final SortedRecords out;
        private int[] words;
        private long[] a = new long[16];
        private int size;

        ContextGroups(int k, Discounts d, SortedRecords out) {
            this.k = k;
            this.d = d;
            this.out = out;
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
                System.arraycopy(s.words(), 0, words, size * k, k);
                a[size++] = s.count();
            }
            if (size > 0) {
                flush();
            }
        }

        private void flush() {
            double total = 0;
            long[] n = new long[4];
            for (int i = 0; i < size; i++) {
                long count = SortedDiscounts.adjustedCount(a[i]);
                total += count;
                if (count > 0) {
                    n[(int) Math.min(count, 3)]++;
                }
            }
            double gamma = KneserNey.gamma(d, n[1], n[2], n[3], total);
            int[] record = new int[k + 5];
            for (int i = 0; i < size; i++) {
                long count = SortedDiscounts.adjustedCount(a[i]);
                System.arraycopy(words, i * k, record, 0, k);
                Payload.putDouble(record, k, (count - d.of(count)) / total);
                Payload.putDouble(record, k + 2, gamma);
                record[k + 4] = a[i] < 0 ? PRUNED : STORED;
                out.add(record, 0);
            }
            size = 0;
        }
    }
}
