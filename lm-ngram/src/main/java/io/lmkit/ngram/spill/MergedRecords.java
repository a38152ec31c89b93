package io.lmkit.ngram.spill;

import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of sorted sources into one sorted stream: a heap holds each source's current
 * record; records of equal keys from several sources come out once with their counts added (and the
 * payload of one of them: give records unique keys where the payload matters).
 */
final class MergedRecords implements RecordSource {

    private final int width;
    private final int keyWidth;
    private final RecordOrder order;
    private final List<RecordSource> sources;
    private final PriorityQueue<RecordSource> heap;
    private final int[] words;
    private long count;

    MergedRecords(int width, int keyWidth, RecordOrder order, List<RecordSource> sources) throws IOException {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.sources = sources;
        this.words = new int[width];
        this.heap = new PriorityQueue<>(Math.max(1, sources.size()),
                (a, b) -> order.compare(a.words(), 0, b.words(), 0, keyWidth));
        for (RecordSource s : sources) {
            if (s.next()) {
                heap.add(s);
            }
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean next() throws IOException {
        RecordSource top = heap.poll();
        if (top == null) {
            return false;
        }
        System.arraycopy(top.words(), 0, words, 0, width);
        count = top.count();
        advance(top);
        while (!heap.isEmpty() && order.compare(heap.peek().words(), 0, words, 0, keyWidth) == 0) {
            RecordSource same = heap.poll();
            count += same.count();
            advance(same);
        }
        return true;
    }

    private void advance(RecordSource s) throws IOException {
        if (s.next()) {
            heap.add(s);
        }
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
