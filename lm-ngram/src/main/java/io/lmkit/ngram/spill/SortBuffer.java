package io.lmkit.ngram.spill;

import java.util.Arrays;

/**
 * A fixed number of records held in two flat arrays; sorted and combined (equal keys: counts
 * added, the first record's payload kept) in place when full. The sort is a merge sort of record indices, stable and allocation-free
 * after construction.
 */
final class SortBuffer {

    /** Heap bytes per record: the words, the count, the index and the merge sort's scratch index. */
    static int bytesPerRecord(int width) {
        return 4 * width + 8 + 4 + 4;
    }

    private final int width;
    /** The first {@code keyWidth} words are the key that sorts and combines; the rest ride along (a payload). */
    private final int keyWidth;
    private final RecordOrder order;
    private final int[] words;
    private final long[] counts;
    private final int[] index;
    private final int[] scratch;
    private int size;

    SortBuffer(int width, int keyWidth, RecordOrder order, int capacity) {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.words = new int[capacity * width];
        this.counts = new long[capacity];
        this.index = new int[capacity];
        this.scratch = new int[capacity];
    }

    boolean full() {
        return size == counts.length;
    }

    int size() {
        return size;
    }

    void add(int[] record, int from, long count) {
        System.arraycopy(record, from, words, size * width, width);
        counts[size++] = count;
    }

    /** Sorts, adds up equal records, and calls {@code sink} with each distinct record in order; then empties. */
    void drain(RecordSink sink) throws java.io.IOException {
        int distinct = sortAndCombine();
        int[] current = new int[width];
        for (int r = 0; r < distinct; r++) {
            System.arraycopy(words, r * width, current, 0, width);
            sink.accept(current, counts[r]);
        }
        size = 0;
    }

    /** Sorts the records in place (index sort, then the permutation applied cycle by cycle) and combines equal ones. */
    private int sortAndCombine() {
        for (int i = 0; i < size; i++) {
            index[i] = i;
        }
        mergeSort(0, size);
        int[] held = new int[width];
        for (int start = 0; start < size; start++) {
            if (index[start] < 0 || index[start] == start) {
                continue;
            }
            // Position p must receive record index[p]; follow the cycle from start.
            System.arraycopy(words, start * width, held, 0, width);
            long heldCount = counts[start];
            int p = start;
            while (index[p] != start) {
                int from = index[p];
                System.arraycopy(words, from * width, words, p * width, width);
                counts[p] = counts[from];
                index[p] = -1;
                p = from;
            }
            System.arraycopy(held, 0, words, p * width, width);
            counts[p] = heldCount;
            index[p] = -1;
        }
        int distinct = 0;
        for (int r = 0; r < size; r++) {
            if (distinct > 0 && order.compare(words, r * width, words, (distinct - 1) * width, keyWidth) == 0) {
                counts[distinct - 1] += counts[r];
            } else {
                System.arraycopy(words, r * width, words, distinct * width, width);
                counts[distinct++] = counts[r];
            }
        }
        return distinct;
    }

    private void mergeSort(int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        if (order.compare(words, index[mid - 1] * width, words, index[mid] * width, keyWidth) <= 0) {
            return;
        }
        System.arraycopy(index, from, scratch, from, to - from);
        int a = from;
        int b = mid;
        for (int k = from; k < to; k++) {
            if (b >= to || a < mid && order.compare(words, scratch[a] * width, words, scratch[b] * width, keyWidth) <= 0) {
                index[k] = scratch[a++];
            } else {
                index[k] = scratch[b++];
            }
        }
    }

    /** The records left in the buffer, sorted and combined, as a source (the one run when nothing spilled). */
    RecordSource asSource() {
        int distinct = sortAndCombine();
        size = 0;
        int[] current = new int[width];
        return new RecordSource() {
            private int at = -1;

            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() {
                if (++at >= distinct) {
                    return false;
                }
                System.arraycopy(words, at * width, current, 0, width);
                return true;
            }

            @Override
            public int[] words() {
                return current;
            }

            @Override
            public long count() {
                return counts[at];
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return size + " records of " + width + " words: " + Arrays.toString(Arrays.copyOf(counts, Math.min(size, 4)));
    }
}
