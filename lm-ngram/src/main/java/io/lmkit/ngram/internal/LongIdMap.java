package io.lmkit.ngram.internal;

/**
 * A growable open-addressing map from non-negative {@code long} keys to dense ids 0, 1, 2, ... in
 * order of first insertion. Used while counting, where the number of distinct n-grams is not
 * known in advance. Not thread-safe.
 *
 * <p>A slot is two longs side by side, the key plus one (0: empty, so a new table needs no filling) and
 * its id, so that finding a key and reading its id touch one cache line. Ids depend only on the order of
 * insertion, not on the table's layout.
 */
public final class LongIdMap {

    private long[] slots;
    private long[] keysById;
    private int size;
    private int mask;

    /** An empty map sized for about {@code expected} keys. */
    public LongIdMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 29, expected * 2L)) - 1) << 1;
        slots = new long[2 * capacity];
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
        long stored = key + 1;
        int s = (int) Hashing.mix(key) & mask;
        while (true) {
            long k = slots[2 * s];
            if (k == stored) {
                return (int) slots[2 * s + 1];
            }
            if (k == 0) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }

    /**
     * Reads the slot where looking {@code key} up starts and returns a value of it: touching the slots of a
     * batch of keys before looking them up one by one lets their cache misses overlap. It changes nothing.
     */
    public int touch(long key) {
        return (int) slots[2 * ((int) Hashing.mix(key) & mask)];
    }

    /**
     * The id of {@code key}, adding it with the next id if absent. Whether it was added shows in
     * {@link #size()} growing.
     */
    public int getOrAdd(long key) {
        long stored = key + 1;
        int s = (int) Hashing.mix(key) & mask;
        while (true) {
            long k = slots[2 * s];
            if (k == stored) {
                return (int) slots[2 * s + 1];
            }
            if (k == 0) {
                break;
            }
            s = (s + 1) & mask;
        }
        int id = size++;
        slots[2 * s] = stored;
        slots[2 * s + 1] = id;
        if (id == keysById.length) {
            keysById = java.util.Arrays.copyOf(keysById, keysById.length * 2);
        }
        keysById[id] = key;
        if (size * 2L > mask + 1L) {
            grow();
        }
        return id;
    }

    private void grow() {
        long[] old = slots;
        if (old.length > Integer.MAX_VALUE / 2 - 8) {
            throw new IllegalStateException("more than " + size + " distinct n-grams of one order do not fit one"
                    + " counting table; prune or count a smaller corpus");
        }
        slots = new long[old.length * 2];
        mask = old.length - 1; // the new capacity is old.length slots of two longs
        for (int i = 0; i < old.length; i += 2) {
            long k = old[i];
            if (k != 0) {
                int s = (int) Hashing.mix(k - 1) & mask;
                while (slots[2 * s] != 0) {
                    s = (s + 1) & mask;
                }
                slots[2 * s] = k;
                slots[2 * s + 1] = old[i + 1];
            }
        }
    }
}
