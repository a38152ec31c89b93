package io.lmkit.ngram.spill;

/**
 * How often the records given to a {@link SortedRecords} repeat a key, which decides where equal keys are
 * combined. The result is the same either way; the time is not: hashing each record costs a random memory
 * access, which pays only when it saves the buffer many records.
 */
public enum KeyRepeats {
    /**
     * Keys come many times each (counting: one record per position and order). Each record is combined on
     * arrival with the held record of its key, found through a hash table, so the buffer holds a key once.
     */
    MANY,
    /**
     * Keys are unique or nearly (the re-sorts of distinct n-grams). Records are appended as they come, and
     * equal keys, adjacent once sorted, are combined after the sort.
     */
    FEW
}
