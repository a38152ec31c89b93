package io.lmkit.ngram.spill;

import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of sorted sources into one sorted stream: a heap holds each source's current
 * record; records of equal keys from several sources come out once with their counts added and the
 * payload of the first source that has the key (sources are given oldest first, so the payload is the
 * first added, as a single sorted buffer keeps it).
 */
final class MergedRecords implements RecordSource {

    private final int width;
    private final int keyWidth;
    private final RecordOrder order;
    private final List<RecordSource> sources;
    private final PriorityQueue<Head> heap;
    private final int[] words;
    private long count;

    MergedRecords(int width, int keyWidth, RecordOrder order, List<RecordSource> sources) throws IOException {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.sources = sources;
        this.words = new int[width];
        this.heap = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> {
            int c = order.compare(a.source.words(), 0, b.source.words(), 0, keyWidth);
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).next()) {
                heap.add(new Head(sources.get(i), i));
            }
        }
    }

    /** A source in the heap, with its place in the list, which breaks ties. */
    private record Head(RecordSource source, int index) {
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean next() throws IOException {
        Head top = heap.poll();
        if (top == null) {
            return false;
        }
        System.arraycopy(top.source.words(), 0, words, 0, width);
        count = top.source.count();
        advance(top);
        while (!heap.isEmpty() && order.compare(heap.peek().source.words(), 0, words, 0, keyWidth) == 0) {
            Head same = heap.poll();
            count += same.source.count();
            advance(same);
        }
        return true;
    }

    private void advance(Head h) throws IOException {
        if (h.source.next()) {
            heap.add(h);
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
