package io.lmkit.ngram.spill;

import java.io.IOException;
import java.util.List;

/**
 * The k-way merge of sorted sources into one sorted stream: a heap holds each source's current
 * record; records of equal keys from several sources come out once with their counts added and the
 * payload of the first source that has the key (sources are given oldest first, so the payload is the
 * first added, as a single sorted buffer keeps it). The heap is of source numbers, and the source on top is
 * advanced and sifted down in place: a {@code PriorityQueue} of boxed heads removed and added again took
 * twice the comparisons, each through a lambda, and was a fifth of the merging thread's time.
 */
final class MergedRecords implements RecordSource {

    private final int width;
    private final int keyWidth;
    private final RecordOrder order;
    private final List<RecordSource> sources;
    /** The current record's words of each source (the arrays each source reuses). */
    private final int[][] current;
    /** Source numbers, a binary heap by (record, number): the least on top. */
    private final int[] heap;
    private int heapSize;
    private final int[] words;
    private long count;

    MergedRecords(int width, int keyWidth, RecordOrder order, List<RecordSource> sources) throws IOException {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.sources = sources;
        this.words = new int[width];
        this.current = new int[sources.size()][];
        this.heap = new int[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).next()) {
                current[i] = sources.get(i).words();
                heap[heapSize++] = i;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Whether source {@code a}'s record comes before source {@code b}'s: by key, then the older source first. */
    private boolean before(int a, int b) {
        int c = order.compare(current[a], 0, current[b], 0, keyWidth);
        return c < 0 || (c == 0 && a < b);
    }

    private void siftDown(int at) {
        int s = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], s)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = s;
    }

    /** Moves the source on top to its next record, or out of the heap at its end. */
    private void advanceTop() throws IOException {
        RecordSource top = sources.get(heap[0]);
        if (top.next()) {
            current[heap[0]] = top.words();
        } else if (--heapSize > 0) {
            heap[0] = heap[heapSize];
        } else {
            return;
        }
        siftDown(0);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean next() throws IOException {
        if (heapSize == 0) {
            return false;
        }
        int top = heap[0];
        System.arraycopy(current[top], 0, words, 0, width);
        count = sources.get(top).count();
        advanceTop();
        while (heapSize > 0 && order.compare(current[heap[0]], 0, words, 0, keyWidth) == 0) {
            count += sources.get(heap[0]).count();
            advanceTop();
        }
        return true;
    }

    @Override
    public int[] words() {
        return words;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RecordSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
