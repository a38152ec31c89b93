package io.lmkit.spark.internal;

import io.lmkit.ngram.estimate.BackoffNormalizer;
import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.KneserNeyMath;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * The n-grams of orders 2..N of one {@link HistoryPartitioner} partition as flat arrays, each order sorted into
 * trie order (lexicographically by word id), with each n-gram's adjusted count a(g) and the index of its suffix
 * one order down. Everything modified Kneser-Ney computes for these n-grams is then a pass over the arrays, the
 * same arithmetic in the same order as lm-ngram's estimators: the counts-of-counts of the first pass
 * ({@link #summary}), then, once the driver has the discounts, the probabilities and the backoffs of the
 * contexts ({@link #estimates}).
 */
final class HistoryTables {

    private final int order;
    /** words[k]: order k's n-grams, k ids each, in trie order. */
    private final int[][] words;
    /** adjusted[k][i]: a(g) of order k's i-th n-gram. */
    private final long[][] adjusted;
    /** occurrences[k][i]: c(g), its raw count (lmplz's discount statistics need that of each order's last). */
    private final long[][] occurrences;
    /** suffix[k][i]: the index of order k's i-th n-gram's suffix in order k−1 (k ≥ 3). */
    private final int[][] suffix;
    /** For each word, how many bigrams here end with it: its share of N1+(• w). */
    private final long[] unigramContinuations;

    private HistoryTables(int order, int[][] words, long[][] adjusted, long[][] occurrences, int[][] suffix,
                          long[] unigramContinuations) {
        this.order = order;
        this.words = words;
        this.adjusted = adjusted;
        this.occurrences = occurrences;
        this.suffix = suffix;
        this.unigramContinuations = unigramContinuations;
    }

    /** The number of order k's n-grams here. */
    int size(int k) {
        return adjusted[k].length;
    }

    /**
     * The tables of one partition, from its n-grams with their raw counts (in any order; the counts of an
     * n-gram that comes more than once, from several map tasks, are added).
     * a(g) is the raw count at the highest order and for n-grams that start with {@code <s>}, else N1+(• g), the
     * number of n-grams x·g one order up, which the partitioner put here too.
     */
    static HistoryTables build(Iterator<Tuple2<Gram, Long>> counted, int order, int bos, int vocabularySize) {
        FlatNgrams[] byOrder = new FlatNgrams[order + 1];
        for (int k = 2; k <= order; k++) {
            byOrder[k] = new FlatNgrams(k);
        }
        while (counted.hasNext()) {
            Tuple2<Gram, Long> e = counted.next();
            byOrder[e._1().length()].add(e._1(), e._2());
        }
        int[][] words = new int[order + 1][];
        long[][] counts = new long[order + 1][];
        int[] sizes = new int[order + 1];
        for (int k = 2; k <= order; k++) {
            byOrder[k].sortAndSum();
            words[k] = byOrder[k].words();
            counts[k] = byOrder[k].counts();
            sizes[k] = byOrder[k].size();
            byOrder[k] = null;
        }
        int[][] suffix = new int[order + 1][];
        long[][] continuations = new long[order + 1][];
        for (int k = 2; k < order; k++) {
            continuations[k] = new long[sizes[k]];
        }
        for (int k = 3; k <= order; k++) {
            suffix[k] = new int[sizes[k]];
            for (int i = 0; i < sizes[k]; i++) {
                int s = find(words[k - 1], sizes[k - 1], k - 1, words[k], i * k + 1);
                if (s < 0) {
                    throw new IllegalStateException("the suffix of " + Arrays.toString(Arrays.copyOfRange(words[k],
                            i * k, i * k + k)) + " is not in its partition: the n-grams were not partitioned by"
                            + " HistoryPartitioner");
                }
                suffix[k][i] = s;
                continuations[k - 1][s]++;
            }
        }
        long[] unigramContinuations = new long[vocabularySize];
        for (int i = 0; order >= 2 && i < sizes[2]; i++) {
            unigramContinuations[words[2][i * 2 + 1]]++;
        }
        long[][] adjusted = new long[order + 1][];
        adjusted[order] = counts[order];
        for (int k = 2; k < order; k++) {
            adjusted[k] = continuations[k];
            for (int i = 0; i < sizes[k]; i++) {
                if (words[k][i * k] == bos) {
                    adjusted[k][i] = counts[k][i];
                }
            }
        }
        return new HistoryTables(order, words, adjusted, counts, suffix, unigramContinuations);
    }

    /**
     * The first pass's result: the counts-of-counts of every order, for lmplz's statistics the last n-gram of
     * each order (by its words' first-appearance ranks from the last word back; {@code rank} null when not
     * needed), and the unigrams' continuation counts contributed here.
     */
    HistorySummary summary(int[] rank) {
        HistorySummary s = new HistorySummary(order);
        for (int k = 2; k <= order; k++) {
            int last = -1;
            for (int i = 0; i < size(k); i++) {
                KneserNeyMath.countOfCount(s.countsOfCounts[k], adjusted[k][i], +1);
                if (rank != null && (last < 0 || compareFromLastWord(words[k], i, last, k, rank) > 0)) {
                    last = i;
                }
            }
            if (last >= 0) {
                s.lastWords[k] = Arrays.copyOfRange(words[k], last * k, last * k + k);
                s.lastAdjusted[k] = adjusted[k][last];
                s.lastOccurrences[k] = occurrences[k][last];
            }
        }
        s.addUnigramContinuations(unigramContinuations);
        return s;
    }

    private static int compareFromLastWord(int[] w, int i, int j, int k, int[] rank) {
        for (int p = k - 1; p >= 0; p--) {
            int c = Integer.compare(rank[w[i * k + p]], rank[w[j * k + p]]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The second pass: every kept n-gram's stored log10 probability (backoff 0; {@code keep} null keeps all,
     * else {@link #kept}) and every context's log10 backoff over its kept followers (a {@link Stored#context}
     * record, with their number), contexts of order 1 included, for {@link ModelOutput} to merge.
     * p(w|h) = (a(hw) − D(a(hw))) / Σx a(hx) + γ(h)·p(w|h') with h' one word shorter; the backoff of h
     * normalises its followers' stored probabilities, summed in trie order.
     *
     * @param discounts    discounts[k] = {D1, D2, D3+} of order k
     * @param lower        every word's unigram probability, unrounded
     * @param unigramLog10 every word's stored log10 unigram probability
     */
    Iterator<Tuple2<Gram, Stored>> estimates(double[][] discounts, double[] lower, double[] unigramLog10,
                                             boolean[][] keep) {
        double[][] p = new double[order + 1][];
        float[][] stored = new float[order + 1][];
        int[][] contextStart = new int[order + 1][];
        int[][] contextFollowers = new int[order + 1][];
        double[][] backoff = new double[order + 1][];
        for (int k = 2; k <= order; k++) {
            Discounts d = new Discounts(discounts[k][0], discounts[k][1], discounts[k][2]);
            int n = size(k);
            p[k] = new double[n];
            stored[k] = new float[n];
            int[] starts = new int[n];
            int[] followers = new int[n];
            double[] backoffs = new double[n];
            int contexts = 0;
            int[] w = words[k];
            long[] a = adjusted[k];
            for (int start = 0; start < n; ) {
                int end = start + 1;
                while (end < n && sameContext(w, start, end, k)) {
                    end++;
                }
                double total = 0;
                long n1 = 0;
                long n2 = 0;
                long n3 = 0;
                for (int i = start; i < end; i++) {
                    total += a[i];
                    if (a[i] == 1) {
                        n1++;
                    } else if (a[i] == 2) {
                        n2++;
                    } else if (a[i] >= 3) {
                        n3++;
                    }
                }
                double gamma = KneserNey.gamma(d, n1, n2, n3, total);
                double seen = 0;
                double lowerSeen = 0;
                int kept = 0;
                for (int i = start; i < end; i++) {
                    int word = w[i * k + k - 1];
                    double suffixP = k == 2 ? lower[word] : p[k - 1][suffix[k][i]];
                    double suffixStored = k == 2 ? unigramLog10[word] : stored[k - 1][suffix[k][i]];
                    p[k][i] = KneserNeyMath.interpolated(a[i], d, total, gamma, suffixP);
                    stored[k][i] = KneserNeyMath.storedLog10(p[k][i]);
                    // Every n-gram's probability is computed (a longer one may interpolate with it), but only the
                    // stored ones take their share of the context's backoff.
                    if (keep == null || keep[k][i]) {
                        seen += Math.pow(10, stored[k][i]);
                        lowerSeen += Math.pow(10, suffixStored);
                        kept++;
                    }
                }
                if (kept > 0) {
                    starts[contexts] = start;
                    followers[contexts] = kept;
                    backoffs[contexts++] = BackoffNormalizer.log10Backoff(1 - seen, 1 - lowerSeen);
                }
                start = end;
            }
            contextStart[k] = Arrays.copyOf(starts, contexts);
            contextFollowers[k] = Arrays.copyOf(followers, contexts);
            backoff[k] = Arrays.copyOf(backoffs, contexts);
        }
        return new Iterator<>() {
            private int k = 2;
            private int i;
            private int context;

            @Override
            public boolean hasNext() {
                while (k <= order && keep != null && i < size(k) && !keep[k][i]) {
                    i++;
                }
                while (k <= order && i >= size(k) && context >= backoff[k].length) {
                    k++;
                    i = 0;
                    context = 0;
                    while (k <= order && keep != null && i < size(k) && !keep[k][i]) {
                        i++;
                    }
                }
                return k <= order;
            }

            @Override
            public Tuple2<Gram, Stored> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (i < size(k)) {
                    Gram g = new Gram(Arrays.copyOfRange(words[k], i * k, i * k + k));
                    return new Tuple2<>(g, new Stored(stored[k][i++], 0.0));
                }
                int at = contextStart[k][context];
                Gram h = new Gram(Arrays.copyOfRange(words[k], at * k, at * k + k - 1));
                Stored c = Stored.context(backoff[k][context], contextFollowers[k][context]);
                context++;
                return new Tuple2<>(h, c);
            }
        };
    }

    /**
     * The n-grams here that pruning keeps, orders {@code order} down to {@code lowest} (lm-ngram's
     * {@code Pruning.survivors}): those whose adjusted count is above their order's threshold, the suffix of a
     * kept n-gram one order up (here too), and the context of one, which was kept in the partition of its
     * last word: {@code marks} names those contexts.
     *
     * @param thresholds index k: order k's threshold
     * @param marks      the contexts of kept n-grams one order up whose partition this is, any order of orders
     */
    boolean[][] kept(long[] thresholds, int lowest, Iterator<Tuple2<Gram, Boolean>> marks) {
        boolean[][] keep = new boolean[order + 1][];
        for (int k = 2; k <= order; k++) {
            keep[k] = new boolean[size(k)];
        }
        while (marks.hasNext()) {
            Gram g = marks.next()._1();
            int m = g.length();
            int[] ids = g.words();
            int at = find(words[m], size(m), m, ids, 0);
            if (at < 0) {
                throw new IllegalStateException("the context " + g + " of a kept n-gram is not in its partition:"
                        + " the marks were not partitioned by HistoryPartitioner");
            }
            keep[m][at] = true;
        }
        for (int k = order; k >= Math.max(lowest, 2); k--) {
            for (int i = 0; i < size(k); i++) {
                keep[k][i] |= adjusted[k][i] > thresholds[k];
                if (keep[k][i] && k > 2) {
                    keep[k - 1][suffix[k][i]] = true;
                }
            }
        }
        return keep;
    }

    /** The contexts (order k−1) of the kept n-grams of order k ≥ 3, each once, for the partitions they live in. */
    Iterator<Tuple2<Gram, Boolean>> contextsOfKept(boolean[][] keep, int k) {
        java.util.List<Tuple2<Gram, Boolean>> out = new java.util.ArrayList<>();
        int last = -1;
        for (int i = 0; i < size(k); i++) {
            if (keep[k][i] && (last < 0 || !sameContext(words[k], last, i, k))) {
                out.add(new Tuple2<>(new Gram(Arrays.copyOfRange(words[k], i * k, i * k + k - 1)), Boolean.TRUE));
                last = i;
            }
        }
        return out.iterator();
    }

    private static boolean sameContext(int[] w, int i, int j, int k) {
        for (int p = 0; p < k - 1; p++) {
            if (w[i * k + p] != w[j * k + p]) {
                return false;
            }
        }
        return true;
    }

    /** The index of the n-gram of order k equal to {@code key[from..from+k)}, or −1. */
    private static int find(int[] sorted, int n, int k, int[] key, int from) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = 0;
            for (int p = 0; p < k && c == 0; p++) {
                c = Integer.compare(sorted[mid * k + p], key[from + p]);
            }
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
