package io.lmkit.spark.internal;

import java.io.Serializable;

/**
 * What the first pass over the {@link HistoryTables} of every partition tells the driver, merged: each order's
 * counts-of-counts of adjusted counts (t1..t4 for the discounts), each order's last n-gram by lmplz's word order
 * with its adjusted and raw counts (for {@code discountStatistics=lmplz}), and each word's continuation count
 * N1+(• w). A plain class, not a record: Spark's Kryo 4 cannot build records.
 */
public final class HistorySummary implements Serializable {

    private static final long serialVersionUID = 1L;

    /** countsOfCounts[k]: order k's counts-of-counts, as {@code KneserNeyMath.countOfCount} keeps them. */
    final long[][] countsOfCounts;
    /** lastWords[k]: order k's last n-gram by lmplz's word order, or null. */
    final int[][] lastWords;
    final long[] lastAdjusted;
    final long[] lastOccurrences;
    /** The words with a continuation count here, ascending, and their counts. */
    int[] unigramWords = new int[0];
    long[] unigramContinuations = new long[0];

    HistorySummary(int order) {
        countsOfCounts = new long[order + 1][5];
        lastWords = new int[order + 1][];
        lastAdjusted = new long[order + 1];
        lastOccurrences = new long[order + 1];
    }

    /** Adds continuation counts given for every word (index: word id). */
    void addUnigramContinuations(long[] byWord) {
        int n = 0;
        for (long c : byWord) {
            n += c > 0 ? 1 : 0;
        }
        int[] w = new int[n];
        long[] c = new long[n];
        int j = 0;
        for (int i = 0; i < byWord.length; i++) {
            if (byWord[i] > 0) {
                w[j] = i;
                c[j++] = byWord[i];
            }
        }
        merge(w, c);
    }

    /** This summary with {@code other}'s added (this one, changed). {@code rank}: lmplz's word order, or null. */
    HistorySummary plus(HistorySummary other, int[] rank) {
        for (int k = 0; k < countsOfCounts.length; k++) {
            for (int i = 0; i < countsOfCounts[k].length; i++) {
                countsOfCounts[k][i] += other.countsOfCounts[k][i];
            }
            if (other.lastWords[k] != null && (lastWords[k] == null
                    || rank != null && compareFromLastWord(other.lastWords[k], lastWords[k], rank) > 0)) {
                lastWords[k] = other.lastWords[k];
                lastAdjusted[k] = other.lastAdjusted[k];
                lastOccurrences[k] = other.lastOccurrences[k];
            }
        }
        merge(other.unigramWords, other.unigramContinuations);
        return this;
    }

    /** Every word's N1+(• w), index: word id. */
    long[] unigramContinuations(int vocabularySize) {
        long[] byWord = new long[vocabularySize];
        for (int i = 0; i < unigramWords.length; i++) {
            byWord[unigramWords[i]] = unigramContinuations[i];
        }
        return byWord;
    }

    private void merge(int[] words, long[] counts) {
        int[] w = new int[unigramWords.length + words.length];
        long[] c = new long[w.length];
        int x = 0;
        int y = 0;
        int n = 0;
        while (x < unigramWords.length || y < words.length) {
            if (y == words.length || x < unigramWords.length && unigramWords[x] < words[y]) {
                w[n] = unigramWords[x];
                c[n++] = unigramContinuations[x++];
            } else if (x == unigramWords.length || words[y] < unigramWords[x]) {
                w[n] = words[y];
                c[n++] = counts[y++];
            } else {
                w[n] = words[y];
                c[n++] = unigramContinuations[x++] + counts[y++];
            }
        }
        unigramWords = java.util.Arrays.copyOf(w, n);
        unigramContinuations = java.util.Arrays.copyOf(c, n);
    }

    static int compareFromLastWord(int[] x, int[] y, int[] rank) {
        for (int i = x.length - 1; i >= 0; i--) {
            int c = Integer.compare(rank[x[i]], rank[y[i]]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
