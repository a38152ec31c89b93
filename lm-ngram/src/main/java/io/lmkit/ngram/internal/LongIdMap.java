package io.lmkit.ngram.internal;

import java.util.Arrays;

/**
 * A growable open-addressing map from non-negative {@code long} keys to dense ids 0, 1, 2, ... in
 * order of first insertion. Used while counting, where the number of distinct n-grams is not
 * known in advance. Not thread-safe.
 */
public final class LongIdMap {

    private static final long EMPTY = -1L;

    private long[] slots;
    private int[] ids;
    private long[] keysById;
    private int size;
    private int mask;

    /** An empty map sized for about {@code expected} keys. */
    public LongIdMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        slots = new long[capacity];
        Arrays.fill(slots, EMPTY);
        ids = new int[capacity];
        mask = capacity - 1;
        keysById = new long[Math.max(16, expected)];
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The key with this id. */
    public long key(int id) {
        return keysById[id];
    }

    /** The id of {@code key}, or -1 when absent. */
    public int get(long key) {
        int s = (int) Hashing.mix(key) & mask;
        while (true) {
            long k = slots[s];
            if (k == key) {
                return ids[s];
            }
            if (k == EMPTY) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }

    /**
     * The id of {@code key}, adding it with the next id if absent. Whether it was added shows in
     * {@link #size()} growing.
     */
    public int getOrAdd(long key) {
        int s = (int) Hashing.mix(key) & mask;
        while (true) {
            long k = slots[s];
            if (k == key) {
                return ids[s];
            }
            if (k == EMPTY) {
                break;
            }
            s = (s + 1) & mask;
        }
        int id = size++;
        slots[s] = key;
        ids[s] = id;
        if (id == keysById.length) {
            keysById = Arrays.copyOf(keysById, keysById.length * 2);
        }
        keysById[id] = key;
        if (size * 2L > slots.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldIds = ids;
        slots = new long[oldSlots.length * 2];
        Arrays.fill(slots, EMPTY);
        ids = new int[slots.length];
        mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            long k = oldSlots[i];
            if (k != EMPTY) {
                int s = (int) Hashing.mix(k) & mask;
                while (slots[s] != EMPTY) {
                    s = (s + 1) & mask;
                }
                slots[s] = k;
                ids[s] = oldIds[i];
            }
        }
    }
}
