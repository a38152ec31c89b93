package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-memory buffer of the bounded-memory sorter: records with the same key are held once (counts added,
 * the first record's payload kept), and a drain gives them in exactly the order {@link RecordOrder} defines,
 * for keys of any int values (negative, and above 2^16, where the radix sort needs every byte).
 */
class SortBufferTest {

    private record Drained(int[] words, long count) {
    }

    private static List<Drained> drain(SortBuffer buffer) throws Exception {
        List<Drained> out = new ArrayList<>();
        buffer.drain((words, count) -> out.add(new Drained(words.clone(), count)));
        return out;
    }

    /** What the buffer must give: first occurrence of each key with its summed count, stably sorted by the order. */
    private static List<Drained> expected(List<int[]> records, List<Long> counts, int keyWidth, RecordOrder order) {
        Map<List<Integer>, Drained> byKey = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            int[] r = records.get(i);
            List<Integer> key = Arrays.stream(r, 0, keyWidth).boxed().toList();
            Drained held = byKey.get(key);
            byKey.put(key, held == null ? new Drained(r, counts.get(i)) : new Drained(held.words(), held.count() + counts.get(i)));
        }
        List<Drained> list = new ArrayList<>(byKey.values());
        list.sort((a, b) -> order.compare(a.words(), 0, b.words(), 0, keyWidth));
        return list;
    }

    private static void assertSame(List<Drained> expected, List<Drained> actual) {
        assertEquals(expected.size(), actual.size(), "distinct keys");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).words(), actual.get(i).words(), "record " + i);
            assertEquals(expected.get(i).count(), actual.get(i).count(), "count of record " + i);
        }
    }

    @Test
    void recordsOfAnyIntValuesDrainCombinedAndInKeyOrderForBothOrdersAndBothWaysOfCombining() throws Exception {
        for (KeyRepeats repeats : KeyRepeats.values()) {
            for (RecordOrder order : RecordOrder.values()) {
                fillAndDrain(repeats, order, true);
                fillAndDrain(repeats, order, false);
            }
        }
    }

    /**
     * With {@code extremes}, every word takes values across all 32 bits (every byte a pass); without, ranks
     * up to 380,001 (19 bits), 20 distinct, as word numbers in a large corpus need (three bytes a word).
     */
    private static void fillAndDrain(KeyRepeats repeats, RecordOrder order, boolean extremes) throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        List<int[]> records = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        SortBuffer buffer = new SortBuffer(5, 3, order, repeats, 4_000);
        int[] pool = {0, 1, -1, 7, 255, 256, 65_535, 65_536, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE, -300};
        while (!buffer.full()) {
            int[] r = new int[5];
            for (int i = 0; i < 3; i++) {
                r[i] = extremes ? (random.nextInt(4) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(-50, 50))
                        : 1 + 20_000 * random.nextInt(20);
            }
            r[3] = random.nextInt(); // the payload rides along
            r[4] = random.nextInt();
            long count = 1 + random.nextInt(1000);
            records.add(r);
            counts.add(count);
            buffer.prefetch(r, 0); // reads ahead, changes nothing
            buffer.add(r, 0, count);
        }
        if (repeats == KeyRepeats.MANY) {
            assertTrue(records.size() > buffer.size(), order + ": repeated keys were combined on arrival");
        } else {
            assertEquals(records.size(), buffer.size(), order + ": every record was appended");
        }
        assertSame(expected(records, counts, 3, order), drain(buffer));
        assertEquals(0, buffer.size(), "a drain empties the buffer");
        assertFalse(buffer.full());
    }

    @Test
    void keysWhoseSlotsShareTheirFingerprintAreStillToldApartByTheirWords() throws Exception {
        // One bit of fingerprint: half of the probes past another key's slot agree on it and must compare words.
        for (RecordOrder order : RecordOrder.values()) {
            SplittableRandom random = new SplittableRandom(5);
            List<int[]> records = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            SortBuffer buffer = new SortBuffer(3, 2, order, KeyRepeats.MANY, 4_000, 1);
            while (!buffer.full()) {
                int[] r = {random.nextInt(120), random.nextInt(40), random.nextInt()};
                long count = 1 + random.nextInt(9);
                records.add(r);
                counts.add(count);
                buffer.add(r, 0, count);
            }
            assertTrue(records.size() > buffer.size(), order + ": repeated keys were combined on arrival");
            assertSame(expected(records, counts, 2, order), drain(buffer));
        }
    }

    @Test
    void aBufferRefilledAfterADrainHoldsOnlyTheNewRecords() throws Exception {
        for (KeyRepeats repeats : KeyRepeats.values()) {
            refill(new SortBuffer(2, 2, RecordOrder.SUFFIX, repeats, 64));
        }
    }

    private static void refill(SortBuffer buffer) throws Exception {
        buffer.add(new int[] {3, 4}, 0, 2);
        buffer.add(new int[] {1, 4}, 0, 1);
        buffer.add(new int[] {3, 4}, 0, 5);
        List<Drained> first = drain(buffer);
        assertEquals(2, first.size());
        assertArrayEquals(new int[] {1, 4}, first.get(0).words());
        assertEquals(7, first.get(1).count(), "3 4 was counted twice: 2 + 5");
        buffer.add(new int[] {9, 1, 3, 4}, 2, 1); // a record read from the middle of an array
        List<Drained> second = drain(buffer);
        assertEquals(1, second.size());
        assertArrayEquals(new int[] {3, 4}, second.get(0).words());
        assertEquals(1, second.get(0).count(), "nothing of the first fill is left");
        assertEquals(0, buffer.size());
    }

    /**
     * Keys of every shape the packed sort takes, and past it: 1 to 7 words of 1 to 31 bits, buffers of 1 to
     * 5,000 records (so the index takes 1 to 13 bits and the packed key ends in either long, or does not fit and
     * the word sort takes over), records added in random order and in the order of the key's least significant
     * word (where the packed sort skips that word), payloads riding along or none (records that are all key,
     * which the packed sort packs whole, their counts in the index's place, where key and count fit 128 bits: counts
     * small, up to 2^40, or some negative, which are not packed), both orders, both ways of combining.
     */
    @Test
    void keysOfEveryWidthAndWordSizeSortAsTheOrderDefinesWhetherTheyPackIn128BitsOrNot() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        int[] sizes = {1, 2, 3, 64, 1_000, 5_000};
        for (int keyWidth = 1; keyWidth <= 7; keyWidth++) {
            for (int wordBits : new int[] {1, 2, 11, 12, 17, 19, 22, 23, 31}) {
                for (int size : sizes) {
                    for (RecordOrder order : RecordOrder.values()) {
                        for (KeyRepeats repeats : KeyRepeats.values()) {
                            for (boolean leastInOrder : new boolean[] {false, true}) {
                                for (boolean payload : new boolean[] {true, false}) {
                                    sortOneShape(random, keyWidth, wordBits, size, order, repeats, leastInOrder,
                                            payload);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A full buffer of 5-word keys of skewed ranks, as n-grams of a corpus have (most words among the first few
     * hundred ranks, a few up to 2^19): the sort splits the keys by their most significant digits, parts of
     * every size, one value for all in many of them, down to parts sorted by insertion.
     */
    @Test
    void manySkewedKeysSortAsTheOrderDefines() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        for (RecordOrder order : RecordOrder.values()) {
            for (KeyRepeats repeats : KeyRepeats.values()) {
                for (boolean leastInOrder : new boolean[] {false, true}) {
                    List<int[]> records = new ArrayList<>();
                    for (int i = 0; i < 120_000; i++) {
                        int[] r = new int[7];
                        for (int w = 0; w < 5; w++) {
                            double u = random.nextDouble();
                            r[w] = (int) Math.min((1 << 19) - 1, 1 / (u * u * u + 1e-9)) - 1;
                        }
                        r[5] = random.nextInt();
                        r[6] = i;
                        records.add(r);
                    }
                    int least = order == RecordOrder.SUFFIX ? 0 : 4;
                    if (leastInOrder) {
                        records.sort((a, b) -> Integer.compare(a[least], b[least]));
                    }
                    SortBuffer buffer = new SortBuffer(7, 5, order, repeats, 200_000);
                    List<Long> counts = new ArrayList<>();
                    for (int[] r : records) {
                        long count = 1 + random.nextInt(3);
                        counts.add(count);
                        buffer.add(r, 0, count);
                    }
                    assertSame(expected(records, counts, 5, order), drain(buffer));
                }
            }
        }
    }

    private static void sortOneShape(SplittableRandom random, int keyWidth, int wordBits, int size, RecordOrder order,
                                      KeyRepeats repeats, boolean leastInOrder, boolean payload) throws Exception {
        int width = keyWidth + (payload ? 1 : 0);
        int bound = (int) Math.min(Integer.MAX_VALUE, 1L << wordBits);
        // A few distinct values a word, the largest among them, so that keys repeat and every bit is used.
        int[] values = {0, bound - 1, random.nextInt(bound), random.nextInt(bound), random.nextInt(bound)};
        List<int[]> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int[] r = new int[width];
            for (int w = 0; w < keyWidth; w++) {
                r[w] = values[random.nextInt(values.length)];
            }
            if (payload) {
                r[keyWidth] = random.nextInt();
            }
            records.add(r);
        }
        int least = order == RecordOrder.SUFFIX ? 0 : keyWidth - 1;
        if (leastInOrder) {
            records.sort((a, b) -> Integer.compare(a[least], b[least])); // stable: the rest stays random
        }
        SortBuffer buffer = new SortBuffer(width, keyWidth, order, repeats, size);
        List<Long> counts = new ArrayList<>();
        int countKind = random.nextInt(3); // small, up to 2^40, or some negative
        for (int[] r : records) {
            long count = countKind == 1 ? 1 + random.nextLong(1L << 40) : 1 + random.nextInt(5);
            if (countKind == 2 && random.nextInt(50) == 0) {
                count = -count;
            }
            counts.add(count);
            buffer.add(r, 0, count);
        }
        String shape = keyWidth + " words of " + wordBits + " bits, " + size + " records, " + order + ", " + repeats
                + (leastInOrder ? ", added in the least significant word's order" : "")
                + (payload ? ", a payload" : ", all key, counts " + new String[] {"small", "large", "some negative"}[countKind]);
        List<Drained> expected = expected(records, counts, keyWidth, order);
        List<Drained> actual = drain(buffer);
        assertEquals(expected.size(), actual.size(), shape);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).words(), actual.get(i).words(), shape + ": record " + i);
            assertEquals(expected.get(i).count(), actual.get(i).count(), shape + ": count of record " + i);
        }
    }
}
