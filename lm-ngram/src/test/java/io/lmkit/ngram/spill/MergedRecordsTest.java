package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The k-way merge of sorted runs: every record of every source comes out once in key order, equal keys folded
 * (counts added, the payload of the earliest source kept), for any number of sources, empty ones among them.
 */
class MergedRecordsTest {

    /** A sorted source from a list of records (the last word is the payload) and their counts. */
    private static RecordSource source(List<int[]> records, List<Long> counts, int width) {
        return new RecordSource() {
            private int at = -1;

            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() {
                return ++at < records.size();
            }

            @Override
            public int[] words() {
                return records.get(at);
            }

            @Override
            public long count() {
                return counts.get(at);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anyNumberOfSourcesMergeIntoKeyOrderWithEqualKeysFoldedAndTheEarliestPayloadKept() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (RecordOrder order : RecordOrder.values()) {
            for (int k = 0; k <= 13; k++) {
                for (int trial = 0; trial < 5; trial++) {
                    mergeOnce(random, order, k);
                }
            }
        }
    }

    private static void mergeOnce(SplittableRandom random, RecordOrder order, int k) throws Exception {
        int keyWidth = 2;
        int width = 3;
        // Reference: key -> (count sum, payload of the lowest source index), in key order.
        java.util.TreeMap<List<Integer>, long[]> expected = new java.util.TreeMap<>((a, b) -> order.compare(
                a.stream().mapToInt(Integer::intValue).toArray(), 0, b.stream().mapToInt(Integer::intValue).toArray(),
                0, keyWidth));
        List<RecordSource> sources = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            int n = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 60);
            java.util.TreeMap<List<Integer>, int[]> distinct = new java.util.TreeMap<>(expected.comparator());
            for (int i = 0; i < n; i++) {
                int[] r = {random.nextInt(6), random.nextInt(6), 1000 * s + i};
                distinct.putIfAbsent(List.of(r[0], r[1]), r); // a run holds each key once
            }
            List<int[]> records = new ArrayList<>(distinct.values());
            List<Long> counts = new ArrayList<>();
            for (int[] r : records) {
                long c = random.nextInt(1, 9);
                counts.add(c);
                long[] e = expected.computeIfAbsent(List.of(r[0], r[1]), key -> new long[] {0, r[2]});
                e[0] += c;
            }
            sources.add(source(records, counts, width));
        }
        MergedRecords merged = new MergedRecords(width, keyWidth, order, sources);
        String shape = k + " sources, " + order;
        for (java.util.Map.Entry<List<Integer>, long[]> e : expected.entrySet()) {
            assertEquals(true, merged.next(), shape + ": more records");
            assertArrayEquals(new int[] {e.getKey().get(0), e.getKey().get(1), (int) e.getValue()[1]}, merged.words(),
                    shape + ": the key in order, the earliest source's payload");
            assertEquals(e.getValue()[0], merged.count(), shape + ": the counts of every source added");
        }
        assertFalse(merged.next(), shape + ": nothing more");
    }
}
