package io.lmkit.ngram.spill;

import java.io.IOException;
import java.util.List;

/**
 * The k-way merge of sorted sources into one sorted stream: a tournament tree of losers holds each source's
 * current record; records of equal keys from several sources come out once with their counts added and the
 * payload of the first source that has the key (sources are given oldest first, so the payload is the
 * first added, as a single sorted buffer keeps it). Each record out costs one comparison per level of the tree
 * (ceil(log2 k)), where a binary heap takes about two; a {@code PriorityQueue} of boxed heads, removed and added
 * again through a lambda, was a fifth of the merging thread's time.
 */
final class MergedRecords implements RecordSource {

    private final int width;
    private final int keyWidth;
    private final RecordOrder order;
    private final List<RecordSource> sources;
    private final int k;
    /** The current record's words of each source (the arrays each source reuses); null once it has ended. */
    private final int[][] current;
    /**
     * The tournament: {@code tree[0]} the source whose record comes first, {@code tree[n]} for n in [1, k) the
     * loser of the match at node n, whose children are nodes 2n and 2n+1, and node k+i is source i.
     */
    private final int[] tree;
    private final int[] words;
    private long count;

    MergedRecords(int width, int keyWidth, RecordOrder order, List<RecordSource> sources) throws IOException {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.sources = sources;
        this.k = sources.size();
        this.words = new int[width];
        this.current = new int[k][];
        for (int i = 0; i < k; i++) {
            if (sources.get(i).next()) {
                current[i] = sources.get(i).words();
            }
        }
        this.tree = new int[Math.max(1, k)];
        int[] winners = new int[Math.max(1, k)];
        for (int n = k - 1; n >= 1; n--) {
            int a = 2 * n >= k ? 2 * n - k : winners[2 * n];
            int b = 2 * n + 1 >= k ? 2 * n + 1 - k : winners[2 * n + 1];
            boolean aFirst = before(a, b);
            winners[n] = aFirst ? a : b;
            tree[n] = aFirst ? b : a;
        }
        tree[0] = k <= 1 ? 0 : winners[1];
    }

    /**
     * Whether source {@code a}'s record comes before source {@code b}'s: an ended source never does, else by key,
     * then the older source first.
     */
    private boolean before(int a, int b) {
        if (current[a] == null) {
            return false;
        }
        if (current[b] == null) {
            return true;
        }
        int c = order.compare(current[a], 0, current[b], 0, keyWidth);
        return c < 0 || (c == 0 && a < b);
    }

    /** Moves the winning source to its next record, then replays its matches up to the root. */
    private void advanceWinner() throws IOException {
        int s = tree[0];
        RecordSource source = sources.get(s);
        current[s] = source.next() ? source.words() : null;
        for (int n = (s + k) >>> 1; n >= 1; n >>>= 1) {
            if (before(tree[n], s)) {
                int t = tree[n];
                tree[n] = s;
                s = t;
            }
        }
        tree[0] = s;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean next() throws IOException {
        if (k == 0 || current[tree[0]] == null) {
            return false;
        }
        int top = tree[0];
        RecordCopy.copy(current[top], 0, words, 0, width);
        count = sources.get(top).count();
        advanceWinner();
        while (current[tree[0]] != null && order.compare(current[tree[0]], 0, words, 0, keyWidth) == 0) {
            count += sources.get(tree[0]).count();
            advanceWinner();
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
