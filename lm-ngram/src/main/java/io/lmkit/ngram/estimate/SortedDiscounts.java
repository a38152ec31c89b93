package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.ngram.spill.Payload;
import io.lmkit.ngram.spill.RecordCopy;
import io.lmkit.ngram.spill.RecordOrder;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.RunFile;
import io.lmkit.ngram.spill.SortedRecords;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Kneser-Ney's adjusted counts, counts-of-counts and discounts from {@link SortedCounts}, in one
 * streaming pass per order, from the highest down, as lmplz computes them: reading order k in suffix
 * order, the k-grams that share their last k−1 words come together, so their number is the
 * continuation count N1+(• g) of that (k−1)-gram and the sum of their counts is its count c(g) (every
 * occurrence of g but a sentence's {@code <s>} has a word before it); these come out in suffix order of the
 * (k−1)-grams and go to a run that the pass over order k−1 reads beside the windows counted of that order
 * (the n-grams that start with {@code <s>}, which nothing extends to the left). Memory: a few records per
 * order, whatever the corpus.
 *
 * <p>The adjusted count a(g) is c(g) at the highest order and for n-grams that start with
 * {@code <s>}, else N1+(• g) (see {@link KneserNey}); the discounts are decided by the same method
 * as the in-memory estimation, from the same integer counts-of-counts, so they are equal bit for bit.
 */
public final class SortedDiscounts {

    private SortedDiscounts() {
    }

    /**
     * The discounts of every order, index k for order k (index 0 unused); reads every order's stream.
     *
     * @param passDone told each order when its pass ends
     */
    public static Discounts[] discounts(SortedCounts counts, KneserNey.Variant variant,
                                        KneserNey.DiscountStatistics statistics, SpillFolder folder,
                                        IntConsumer passDone) {
        return adjust(counts, variant, statistics, folder, passDone, false).discounts();
    }

    /**
     * The discounts, and each order's adjusted counts a(g) as a run in suffix order (index k for order k).
     *
     * @param discounts index k: the discounts of order k
     * @param adjusted  index k: a run of the n-grams of order k, each with its adjusted count as the count
     */
    public record Adjusted(Discounts[] discounts, RunFile[] adjusted) {
    }

    /** The discounts and, with {@code keepAdjusted}, the runs of adjusted counts the probabilities are estimated from. */
    public static Adjusted adjust(SortedCounts counts, KneserNey.Variant variant,
                                  KneserNey.DiscountStatistics statistics, SpillFolder folder, IntConsumer passDone,
                                  boolean keepAdjusted) {
        return adjust(counts, variant, statistics, Pruning.NONE, 0, folder, passDone, keepAdjusted);
    }

    /**
     * The count a run of adjusted counts holds for an n-gram that {@code pruning} drops: −(a + 1), so that the
     * sign says it is pruned and {@link #adjustedCount} gives a back.
     */
    static long prunedCount(long a) {
        return -a - 1;
    }

    /** The adjusted count of a record of an adjusted-count run (see {@link #prunedCount}). */
    static long adjustedCount(long stored) {
        return stored < 0 ? -stored - 1 : stored;
    }

    /**
     * As {@link #adjust(SortedCounts, KneserNey.Variant, KneserNey.DiscountStatistics, SpillFolder, IntConsumer,
     * boolean)}, marking in the adjusted-count runs the n-grams that {@code pruning} drops, as
     * {@link Pruning} decides it: from the highest order down, an n-gram survives if its adjusted count is above
     * its order's threshold or it is the context or the suffix of a surviving n-gram one order up. The contexts
     * and suffixes of each order's survivors are written as they come and sorted (in {@code sortBytes}, the
     * memory of an order's counts, which that order's pass has given back) for the pass below.
     */
    static Adjusted adjust(SortedCounts counts, KneserNey.Variant variant, KneserNey.DiscountStatistics statistics,
                           Pruning pruning, long sortBytes, SpillFolder folder, IntConsumer passDone,
                           boolean keepAdjusted) {
        int n = counts.order();
        Discounts[] out = new Discounts[n + 1];
        RunFile[] adjusted = new RunFile[n + 1];
        RunFile continuations = null;
        SortedRecords needed = null;
        try {
            for (int k = n; k >= 1; k--) {
                long[] t = new long[5];
                // (the (k−1)-gram, c(g) as a payload long) with N1+(• g) as the count; c(g) ≥ 0, so a varint
                RunFile.Writer lower = k > 1 ? RunFile.writer(folder, "continuations-" + (k - 1), k + 1, k + 1)
                        : null;
                RunFile.Writer kept = keepAdjusted ? RunFile.writer(folder, "adjusted-" + k, k, k) : null;
                Survivors survivors = keepAdjusted && pruning.prunes() && k >= 2
                        ? new Survivors(k, pruning.threshold(k), k > 2 ? RunFile.writer(folder, "needs-" + (k - 1),
                        k - 1, k - 1) : null) : null;
                try (RecordSource raw = counts.windows(k);
                     RecordSource cont = continuations == null ? null : continuations.open();
                     RecordSource need = needed == null ? null : needed.sorted()) {
                    if (survivors != null) {
                        survivors.needed = need;
                        survivors.more = need != null && need.next();
                    }
                    countsOfCounts(k, n, raw, cont, lower, kept, t, statistics, survivors);
                }
                continuations = lower == null ? null : lower.finish();
                adjusted[k] = kept == null ? null : kept.finish();
                needed = null; // read: its buffer goes before the next order's needs take the same memory
                if (survivors != null && survivors.needs != null) {
                    needed = sortedNeeds(k - 1, survivors.needs.finish(), sortBytes, folder);
                }
                out[k] = KneserNey.discountsOf(k, t, variant);
                passDone.accept(k);
            }
        } catch (IOException e) {
            throw new LmkitException("cannot read the sorted n-gram runs in " + folder.path() + ": "
                    + e.getMessage() + SpillFolder.READ_FAILED_FIX, e);
        }
        return new Adjusted(out, adjusted);
    }

    /** The (k−1)-grams that order k's survivors need, sorted and made distinct, in suffix order. */
    private static SortedRecords sortedNeeds(int k, RunFile needs, long sortBytes, SpillFolder folder)
            throws IOException {
        SortedRecords sorted = new SortedRecords("needed-" + k, k, RecordOrder.SUFFIX, sortBytes, folder);
        try (RecordSource s = needs.open()) {
            while (s.next()) {
                sorted.add(s.words(), 1);
            }
        }
        return sorted;
    }

    /**
     * Which n-grams of one order survive pruning, read beside its pass in suffix order: those above the threshold
     * and those the order above needs; the contexts and suffixes of the survivors go to {@code needs}.
     */
    private static final class Survivors {
        private final int k;
        private final long threshold;
        private final RunFile.Writer needs;
        private RecordSource needed;
        private boolean more;

        Survivors(int k, long threshold, RunFile.Writer needs) {
            this.k = k;
            this.threshold = threshold;
            this.needs = needs;
        }

        /** Whether the n-gram {@code g} (suffix order, after every earlier one) with adjusted count a survives. */
        boolean survives(int[] g, long a) throws IOException {
            boolean needed = false;
            while (more && RecordOrder.SUFFIX.compare(this.needed.words(), 0, g, 0, k) < 0) {
                more = this.needed.next();
            }
            if (more && RecordOrder.SUFFIX.compare(this.needed.words(), 0, g, 0, k) == 0) {
                needed = true;
            }
            boolean survives = a > threshold || needed;
            if (survives && needs != null) {
                needs.add(g, 0, 0);
                needs.add(g, 1, 0);
            }
            return survives;
        }
    }

    /**
     * One pass over order k: the windows counted of order k and the n-grams that order k+1 extends to the left
     * ({@code cont}, with their counts and continuation counts), merged in suffix order; adds their adjusted
     * counts to t, and writes the counts and continuation counts of order k−1.
     */
    private static void countsOfCounts(int k, int n, RecordSource raw, RecordSource cont, RunFile.Writer lower,
                                       RunFile.Writer kept, long[] t, KneserNey.DiscountStatistics statistics,
                                       Survivors survivors) throws IOException {
        boolean haveRaw = raw.next();
        boolean haveCont = cont != null && cont.next();
        int[] g = new int[k];
        int[] group = new int[k + 1]; // the last k−1 words of the n-grams being grouped, then their counts' sum
        long groupSize = 0;
        long groupCount = 0;
        long lastAdjusted = -1;
        long lastRaw = -1;
        while (haveRaw || haveCont) {
            // Negative: the next n-gram is the window's; positive: the extended one's; zero: both (never, as it is).
            int first = !haveCont ? -1 : !haveRaw ? 1 : RecordOrder.SUFFIX.compare(raw.words(), 0, cont.words(), 0, k);
            long c = 0;
            long continuation = 0;
            if (first <= 0) {
                RecordCopy.copy(raw.words(), 0, g, 0, k);
                c += raw.count();
                haveRaw = raw.next();
            }
            if (first >= 0) {
                RecordCopy.copy(cont.words(), 0, g, 0, k);
                c += Payload.getLong(cont.words(), k);
                continuation = cont.count();
                haveCont = cont.next();
            }
            long a = k == n || g[0] == SortedCounts.BOS_RANK ? c : continuation;
            if (a >= 1 && a <= 4) {
                t[(int) a]++;
            }
            lastAdjusted = a;
            lastRaw = c;
            if (kept != null) {
                kept.add(g, survivors == null || survivors.survives(g, a) ? a : prunedCount(a));
            }
            if (lower != null) {
                if (groupSize > 0 && !equalFrom(group, g, k)) {
                    Payload.putLong(group, k - 1, groupCount);
                    lower.add(group, groupSize);
                    groupSize = 0;
                    groupCount = 0;
                }
                RecordCopy.copy(g, 1, group, 0, k - 1);
                groupSize++;
                groupCount += c;
            }
        }
        if (lower != null && groupSize > 0) {
            Payload.putLong(group, k - 1, groupCount);
            lower.add(group, groupSize);
        }
        if (statistics == KneserNey.DiscountStatistics.LMPLZ && k < n && lastRaw >= 0) {
            // lmplz counts the last n-gram in its suffix order with its raw count (see DiscountStatistics.LMPLZ).
            if (lastAdjusted >= 1 && lastAdjusted <= 4) {
                t[(int) lastAdjusted]--;
            }
            if (lastRaw >= 1 && lastRaw <= 4) {
                t[(int) lastRaw]++;
            }
        }
    }

    /** Whether {@code group} (k−1 words) equals the last k−1 words of {@code g}. */
    private static boolean equalFrom(int[] group, int[] g, int k) {
        for (int i = 1; i < k; i++) {
            if (group[i - 1] != g[i]) {
                return false;
            }
        }
        return true;
    }
}
