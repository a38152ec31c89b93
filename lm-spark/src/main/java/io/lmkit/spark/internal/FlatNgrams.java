package io.lmkit.spark.internal;

import io.lmkit.core.LmkitException;
import java.util.Arrays;

/**
 * The n-grams of one order with a count each, as one flat int array (k ids per n-gram) and a long array, without
 * an object per n-gram: filled in any order, with repeats, then {@link #sortAndSum sorted} into trie order with
 * each n-gram once and the counts of its repeats added.
 */
final class FlatNgrams {

    private final int k;
    private int[] words;
    private long[] counts;
    private int size;

    /** An empty set of n-grams of order {@code k}. */
    FlatNgrams(int k) {
        this.k = k;
        this.words = new int[k * 1024];
        this.counts = new long[1024];
    }

    /** Adds the n-gram {@code ids[from..from+k)} with {@code count}. */
    void add(int[] ids, int from, long count) {
        grow();
        System.arraycopy(ids, from, words, size * k, k);
        counts[size++] = count;
    }

    /** Adds the n-gram of {@code g} (of order k) with {@code count}. */
    void add(Gram g, long count) {
        grow();
        for (int j = 0; j < k; j++) {
            words[size * k + j] = g.word(j);
        }
        counts[size++] = count;
    }

    private void grow() {
        if (size == counts.length) {
            if (size >= Integer.MAX_VALUE / 2 / k) {
                throw new LmkitException("a partition holds more than " + size + " n-grams of order " + k
                        + ", more than one array can; give the job more partitions (--partitions)");
            }
            counts = Arrays.copyOf(counts, size * 2);
            words = Arrays.copyOf(words, size * 2 * k);
        }
    }

    /** Sorts the n-grams into trie order and merges repeats, adding their counts; returns this. */
    FlatNgrams sortAndSum() {
        int[] byTrie = trieOrder(words, size, k);
        int[] w = new int[size * k];
        long[] c = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int at = byTrie[i] * k;
            if (n > 0 && Arrays.equals(w, (n - 1) * k, n * k, words, at, at + k)) {
                c[n - 1] += counts[byTrie[i]];
            } else {
                System.arraycopy(words, at, w, n * k, k);
                c[n++] = counts[byTrie[i]];
            }
        }
        words = n == size ? w : Arrays.copyOf(w, n * k);
        counts = n == size ? c : Arrays.copyOf(c, n);
        size = n;
        return this;
    }

    /** The order. */
    int order() {
        return k;
    }

    /** How many n-grams. */
    int size() {
        return size;
    }

    /** The ids, k per n-gram (the array itself, longer than {@code size * k} before {@link #sortAndSum}). */
    int[] words() {
        return words;
    }

    /** The counts (the array itself). */
    long[] counts() {
        return counts;
    }

    /** The i-th n-gram as a {@link Gram}. */
    Gram gram(int i) {
        return new Gram(Arrays.copyOfRange(words, i * k, i * k + k));
    }

    /** The permutation that puts {@code n} n-grams of order k (flat in {@code w}) into trie order: a merge sort. */
    static int[] trieOrder(int[] w, int n, int k) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int x = lo;
                int y = mid;
                int out = lo;
                while (x < mid && y < hi) {
                    b[out++] = Arrays.compare(w, a[y] * k, a[y] * k + k, w, a[x] * k, a[x] * k + k) < 0 ? a[y++]
                            : a[x++];
                }
                while (x < mid) {
                    b[out++] = a[x++];
                }
                while (y < hi) {
                    b[out++] = a[y++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
