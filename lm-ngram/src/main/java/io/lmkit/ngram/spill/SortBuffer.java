package io.lmkit.ngram.spill;

import java.util.Arrays;

/**
 * A fixed number of records held in flat arrays, drained in key order with equal keys combined (counts added,
 * the first record's payload kept). Where keys repeat often ({@link KeyRepeats#MANY}) a record whose key is
 * already held adds its count on arrival, found through an open-addressing hash of the key, so that counting
 * a corpus holds each n-gram once, not once per position (lmplz combines while counting the same way);
 * otherwise records are appended and equal keys combined once sorted. The sort is a radix sort, 11 bits a
 * digit, digits where every record has the same value skipped: linear in the records, where a merge sort made
 * about log2(n) comparisons, each a loop over the key, per record. Where the keys fit 128 bits packed with the
 * record's index it splits them from the most significant digit down ({@link #packedSort}), else it sorts
 * record indices word by word, least significant digit first.
 * Allocation-free after construction, but for the reused word array a drain hands out.
 */
final class SortBuffer {

    /**
     * Heap bytes per record: the words, the count, a 128-bit sort key (the key's words and the record's index
     * packed, as two longs) and its scratch copy, and with {@link KeyRepeats#MANY} two hash slots (the table
     * has more than 4/3 as many slots as records, so probes stay short).
     */
    static int bytesPerRecord(int width, KeyRepeats repeats) {
        return 4 * width + 8 + 32 + (repeats == KeyRepeats.MANY ? 8 : 0);
    }

    private static final int EMPTY = 0;

    /** How many records a drain gathers from the buffer at once (see {@code InOrder.gather}). */
    private static final int GATHERED = 64;

    private final int width;
    /** The first {@code keyWidth} words are the key that sorts and combines; the rest ride along (a payload). */
    private final int keyWidth;
    private final RecordOrder order;
    /**
     * The records, {@link #stride} ints each: the words, then the count as two ints (high bits first), so that
     * reading a record and its count at random is one cache miss, where a separate array of counts was a second.
     */
    private final int[] words;
    private final int stride;
    private final long[] keys;
    private final long[] scratch;
    /** The high halves of the packed keys (see {@link #packedSort}), beside {@link #keys} and {@link #scratch}. */
    private final long[] highKeys;
    private final long[] highScratch;
    /**
     * The records in key order after a sort: record indices in the bits {@link #sortedIndexMask} keeps, or, where
     * {@link #keysHoldRecords}, the records' counts there.
     */
    private long[] sorted;
    private long sortedIndexMask;
    /**
     * After a packed sort, the high halves of the keys in {@link #sorted}'s order, whose keys are then equal when
     * both halves are, above the index's bits; null after a word sort, whose records are compared word by word.
     */
    private long[] sortedHigh;
    /**
     * After a packed sort of records that are all key, whose counts took the place of the index in the packed keys:
     * the sorted keys are the records, read out in order, where reading each record from the buffer at its index,
     * at random in hundreds of MB, was a cache miss a record and a tenth of the 100 M-word estimation's CPU.
     */
    private boolean keysHoldRecords;
    /** Bits of each key word in the packed keys. */
    private int packedWordBits;
    /**
     * Per hash slot, {@link #EMPTY} for none, or the record's index + 1 in the low bits and, in the bits the
     * index leaves, the high bits of a second hash of its key: a probe past another key's slot then reads the
     * record, at random in a buffer of hundreds of MB, only when those bits agree (once in 2^(32 - index bits),
     * 1 in 128 for 16 M records), where it read it at every slot it passed. Null when records are appended.
     */
    private final int[] slots;
    private final int slotMask;
    private final int indexMask;
    private final int fingerprintMask;
    private final int limit;
    /** Bits of a word sorted in one counting pass: three passes a word (11, 11 and 10 bits), not four of 8. */
    private static final int DIGIT_BITS = 11;
    private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;
    private final int[][] histograms = new int[3][1 << DIGIT_BITS];
    /** Per depth of {@link #sortRange}'s splits, where each part starts; and each part's next free place. */
    private int[][] partStarts = new int[16][];
    private final int[] partNext = new int[1 << DIGIT_BITS];
    private int size;

    SortBuffer(int width, int keyWidth, RecordOrder order, KeyRepeats repeats, int capacity) {
        this(width, keyWidth, order, repeats, capacity, 32);
    }

    /**
     * A buffer whose hash slots keep at most {@code fingerprintBits} bits of fingerprint: tests give 1, so that
     * half of the probes past other keys agree on it and compare the records, as a buffer of hundreds of millions
     * of records (few bits left beside the index) does.
     */
    SortBuffer(int width, int keyWidth, RecordOrder order, KeyRepeats repeats, int capacity, int fingerprintBits) {
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.stride = width + 2;
        this.words = new int[capacity * stride];
        this.keys = new long[capacity];
        this.scratch = new long[capacity];
        this.highKeys = new long[capacity];
        this.highScratch = new long[capacity];
        if (repeats == KeyRepeats.MANY) {
            // The largest power of two within the two ints a record budgets; records are limited to 3/4 of it.
            this.slots = new int[Integer.highestOneBit(Math.max(2, 2 * capacity))];
            this.slotMask = slots.length - 1;
            this.limit = Math.max(1, Math.min(capacity, slots.length / 4 * 3));
            this.indexMask = (int) ((1L << (32 - Integer.numberOfLeadingZeros(limit))) - 1);
            this.fingerprintMask = ~indexMask & (int) (-1L << (32 - Math.max(0, Math.min(32, fingerprintBits))));
        } else {
            this.slots = null;
            this.slotMask = 0;
            this.limit = capacity;
            this.indexMask = 0;
            this.fingerprintMask = 0;
        }
    }

    boolean full() {
        return size == limit;
    }

    int size() {
        return size;
    }

    /** Adds the record {@code record[from, from + width)} with {@code count}, or adds the count to its key's. */
    void add(int[] record, int from, long count) {
        if (slots == null) {
            RecordCopy.copy(record, from, words, size * stride, width);
            setCount(size++, count);
            return;
        }
        int h = hash(record, from);
        // The multiply's high bits depend on every bit of h, so they are not the low bits that chose the slot.
        int fingerprint = h * 0x2C1B3C6D & fingerprintMask;
        for (int s = h & slotMask; ; s = (s + 1) & slotMask) {
            int entry = slots[s];
            if (entry == EMPTY) {
                slots[s] = fingerprint | (size + 1);
                RecordCopy.copy(record, from, words, size * stride, width);
                setCount(size++, count);
                return;
            }
            if ((entry & fingerprintMask) == fingerprint) {
                int held = (entry & indexMask) - 1;
                if (sameKey(record, from, held * stride)) {
                    setCount(held, countOf(held) + count);
                    return;
                }
            }
        }
    }

    /** The hash of the key of the record at {@code record[from..]}, whose low bits choose its slot. */
    private int hash(int[] record, int from) {
        int h = 0x9E3779B9;
        for (int i = 0; i < keyWidth; i++) {
            h = (h ^ record[from + i]) * 0x01000193;
            h ^= h >>> 15;
        }
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /**
     * Reads the slot the record's key hashes to, and the record it holds, without adding anything, so that a
     * coming {@link #add} of that record finds them in the cache. Each is a cache miss in a table of hundreds of
     * MB: read for several records before they are added, the misses overlap, where one add at a time waited
     * for each alone. Only where keys repeat (a hash table); nothing otherwise.
     */
    void prefetch(int[] record, int from) {
        if (slots == null) {
            return;
        }
        int entry = slots[hash(record, from) & slotMask];
        if (entry != EMPTY) {
            prefetched += words[((entry & indexMask) - 1) * stride];
        }
    }

    /** What {@link #prefetch}'s reads add up to, kept so that they are not left out. */
    private int prefetched;

    /** The count of record {@code r}. */
    private long countOf(int r) {
        int at = r * stride + width;
        return (long) words[at] << 32 | (words[at + 1] & 0xFFFFFFFFL);
    }

    private void setCount(int r, long count) {
        int at = r * stride + width;
        words[at] = (int) (count >>> 32);
        words[at + 1] = (int) count;
    }

    private boolean sameKey(int[] record, int from, int at) {
        for (int i = 0; i < keyWidth; i++) {
            if (words[at + i] != record[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Gives every record to {@code sink} in key order, then empties the buffer. */
    void drain(RecordSink sink) throws java.io.IOException {
        sort();
        InOrder records = new InOrder(sorted, size);
        while (records.next()) {
            sink.accept(records.current, records.count);
        }
        clear();
    }

    /**
     * The sorted records read once, each run of equal keys folded into its first record (the first added: the
     * sort is stable) with the counts added, where records were appended ({@link KeyRepeats#FEW}). Folding as
     * they are read, against the record just copied out, costs one random read of the buffer a record; folding
     * in a pass of its own before (comparing two records in place) cost two more, and was more than a quarter
     * of the spilling thread's time in the 1 B-word estimation's profile.
     */
    private final class InOrder {
        private final long[] indices;
        private final int records;
        private final boolean fold;
        final int[] current = new int[width];
        long count;
        private final int[] ahead = new int[width];
        private long aheadCount;
        private boolean hasAhead;
        /** The place in the order of the next record to read ahead. */
        private int at;
        /** Records of the order from {@link #blockStart} on, gathered from the buffer (see {@link #gather}). */
        private final int[] block = new int[GATHERED * width];
        private final long[] blockCounts = new long[GATHERED];
        private int blockStart;
        private int blockSize;
        /** What the reads of {@link #gather}'s first loop add up to, kept so that the loop is not left out. */
        private int touched;

        InOrder(long[] indices, int records) {
            this.indices = indices;
            this.records = records;
            this.fold = slots == null;
            hasAhead = readAhead();
        }

        /** Reads the next record of the order into {@link #ahead}; false at the end. */
        private boolean readAhead() {
            if (at >= records) {
                return false;
            }
            if (at == blockStart + blockSize) {
                gather();
            }
            int j = at++ - blockStart;
            RecordCopy.copy(block, j * width, ahead, 0, width);
            aheadCount = blockCounts[j];
            return true;
        }

        /**
         * Copies the next records of the order into {@link #block}. Each lies at random in a buffer of hundreds of
         * MB, a cache miss: read one at a time between the work on them, each miss was waited for alone. A first
         * loop only reads each record's first word, reads that do not depend on one another, so that
         * the processor has many misses outstanding at once; the copies then find the records in the cache.
         */
        private void gather() {
            int n = Math.min(GATHERED, records - at);
            if (keysHoldRecords) {
                for (int j = 0; j < n; j++) {
                    unpack(indices[at + j], sortedHigh[at + j], block, j * width);
                    blockCounts[j] = indices[at + j] & sortedIndexMask;
                }
                blockStart = at;
                blockSize = n;
                return;
            }
            int sum = 0;
            for (int j = 0; j < n; j++) {
                int r = (int) (indices[at + j] & sortedIndexMask);
                sum += words[r * stride];
            }
            touched += sum;
            for (int j = 0; j < n; j++) {
                int r = (int) (indices[at + j] & sortedIndexMask);
                RecordCopy.copy(words, r * stride, block, j * width, width);
                blockCounts[j] = countOf(r);
            }
            blockStart = at;
            blockSize = n;
        }

        /** Moves to the next distinct record; false at the end. */
        boolean next() {
            if (!hasAhead) {
                return false;
            }
            RecordCopy.copy(ahead, 0, current, 0, width);
            count = aheadCount;
            while ((hasAhead = readAhead()) && fold && sameKeyAsBefore()) {
                count += aheadCount;
            }
            return true;
        }

        /** Whether the record just read ahead has the key of the one before it in the order. */
        private boolean sameKeyAsBefore() {
            if (sortedHigh == null) {
                return order.compare(ahead, 0, current, 0, keyWidth) == 0;
            }
            int now = at - 1; // the packed keys are unique to their key: no word need be compared
            return sortedHigh[now] == sortedHigh[now - 1]
                    && (indices[now] & ~sortedIndexMask) == (indices[now - 1] & ~sortedIndexMask);
        }
    }

    private void clear() {
        if (slots != null) {
            Arrays.fill(slots, EMPTY);
        }
        size = 0;
    }

    /** Puts the indices of the records in key order into {@link #sorted} (equal keys are folded as they are read). */
    private void sort() {
        if (!packedSort()) {
            wordSort();
        }
    }

    /**
     * The sort of any int words: for each word of the key, least significant first, its value and the record's
     * index in a long, moved by two or three counting passes; each word read at random from the records.
     */
    private void wordSort() {
        long[] from = keys;
        long[] to = scratch;
        for (int i = 0; i < size; i++) {
            from[i] = i;
        }
        // Least significant word first: the key's first word for SUFFIX order (which compares from the last
        // word), its last word for CONTEXT order. For each word, its value (sign bit flipped, so that unsigned
        // digits sort as Integer.compare does) goes into the high half of the record's long, then a stable
        // counting pass per 11-bit digit, lowest first, moves the longs; a digit that is the same in every
        // record is skipped (the top one of word ranks under 4 M, so two passes a word where bytes took three:
        // each pass is a scattered write of every record).
        for (int w = 0; w < keyWidth; w++) {
            int word = order == RecordOrder.SUFFIX ? w : keyWidth - 1 - w;
            for (int[] h : histograms) {
                Arrays.fill(h, 0);
            }
            for (int i = 0; i < size; i++) {
                int r = (int) from[i];
                int v = words[r * stride + word] ^ Integer.MIN_VALUE;
                from[i] = ((long) v << 32) | r;
                histograms[0][v & DIGIT_MASK]++;
                histograms[1][(v >>> DIGIT_BITS) & DIGIT_MASK]++;
                histograms[2][v >>> 2 * DIGIT_BITS]++;
            }
            for (int b = 0; b < histograms.length; b++) {
                int[] h = histograms[b];
                int shift = 32 + DIGIT_BITS * b;
                if (size == 0 || h[(int) (from[0] >>> shift) & DIGIT_MASK] == size) {
                    continue; // one value for all: the order stays as it is
                }
                int sum = 0;
                for (int d = 0; d < h.length; d++) {
                    int c = h[d];
                    h[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < size; i++) {
                    long k = from[i];
                    to[h[(int) (k >>> shift) & DIGIT_MASK]++] = k;
                }
                long[] t = from;
                from = to;
                to = t;
            }
        }
        sorted = from;
        sortedIndexMask = 0xFFFFFFFFL;
        sortedHigh = null;
        keysHoldRecords = false;
    }


    /**
     * The sort of keys whose words are non-negative and, packed, fit 128 bits with the record's index: the key's
     * words, most significant first, in as many bits as the largest needs (17 for word ranks under 131,072),
     * then the index, make one 128-bit number per record (two longs), read from the records once, in order.
     * They are split by their digits from the most significant down ({@link #sortRange}): no word is read at
     * random (in the word sort each was a cache miss a record a word, most of that sort's time). Records added
     * in the order of their key's least significant word (suffix-sorted n-grams sorted by context: their last
     * word) are not split by that word. False, and nothing done, where the key does not fit.
     */
    private boolean packedSort() {
        int max = 0;
        int min = 0;
        int first = order == RecordOrder.SUFFIX ? 0 : keyWidth - 1; // the least significant word
        int previous = Integer.MIN_VALUE;
        boolean leastInOrder = true;
        // Records that are all key (n-grams and their counts) can be packed whole, the count below the key.
        boolean allKey = keyWidth == width;
        long counts = 0;
        for (int i = 0; i < size; i++) {
            int at = i * stride;
            for (int w = 0; w < keyWidth; w++) {
                int v = words[at + w];
                max |= v;
                min = Math.min(min, v);
            }
            int least = words[at + first];
            leastInOrder &= least >= previous;
            previous = least;
            if (allKey) {
                counts |= countOf(i); // a negative count sets the sign bit: not packed
            }
        }
        if (min < 0) {
            return false;
        }
        int wordBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)));
        int countBits = Math.max(1, 64 - Long.numberOfLeadingZeros(counts));
        boolean inKeys = allKey && counts >= 0 && keyWidth * wordBits + countBits <= 128;
        // Below the key: the count, where the record fits whole, else the record's index.
        int lowBits = inKeys ? countBits : indexBits;
        int totalBits = keyWidth * wordBits + lowBits;
        if (totalBits > 128) {
            return false;
        }
        long[] lo = keys;
        long[] hi = highKeys;
        for (int i = 0; i < size; i++) {
            int at = i * stride;
            long h = 0;
            long l = 0;
            for (int w = 0; w < keyWidth; w++) {
                int word = order == RecordOrder.CONTEXT ? w : keyWidth - 1 - w; // most significant first
                h = h << wordBits | l >>> (64 - wordBits);
                l = l << wordBits | words[at + word];
            }
            h = h << lowBits | l >>> (64 - lowBits);
            l = l << lowBits | (inKeys ? countOf(i) : i);
            hi[i] = h;
            lo[i] = l;
        }
        // Digits from the first key bit (past the least significant word where the records came in its order)
        // up, never across the two longs.
        int from = lowBits + (leastInOrder ? wordBits : 0);
        sortRange(lo, hi, scratch, highScratch, 0, size, from, totalBits, 0);
        sorted = lo;
        sortedIndexMask = (1L << lowBits) - 1;
        sortedHigh = hi;
        keysHoldRecords = inKeys;
        packedWordBits = wordBits;
        return true;
    }

    /**
     * Writes the key words packed in {@code (high, low)} (above the {@link #sortedIndexMask} bits, the least
     * significant word lowest) to {@code to[at..]}.
     */
    private void unpack(long low, long high, int[] to, int at) {
        int bits = packedWordBits;
        long mask = (1L << bits) - 1;
        int bit = Long.bitCount(sortedIndexMask);
        for (int p = 0; p < keyWidth; p++, bit += bits) {
            long v;
            if (bit >= 64) {
                v = high >>> (bit - 64);
            } else if (bit + bits <= 64) {
                v = low >>> bit;
            } else {
                v = low >>> bit | high << (64 - bit);
            }
            to[at + (order == RecordOrder.CONTEXT ? keyWidth - 1 - p : p)] = (int) (v & mask);
        }
    }

    /**
     * Sorts the packed keys {@code lo[start, end)}, {@code hi[start, end)} by their bits {@code [fromBit, toBit)},
     * stably, in place ({@code loTo} and {@code hiTo} are scratch): split by the most significant digit, each
     * part then sorted alone by the digits below, and a part of a few records by insertion. Counting passes
     * from the least significant digit scattered every key of the whole buffer to one of 2,048 places far
     * apart, a cache and TLB miss each, in every pass (eight or nine for 5-word keys); split from the top, only
     * the first split or two move keys across the whole buffer, and the parts below them stay in the cache.
     */
    private void sortRange(long[] lo, long[] hi, long[] loTo, long[] hiTo, int start, int end, int fromBit,
                           int toBit, int depth) {
        int n = end - start;
        while (n > INSERTION_RECORDS && toBit > fromBit) {
            // About one part per record for a small range (so that parts are mostly single records), at most 2^11.
            int bits = Math.min(digitBelow(toBit, fromBit), 32 - Integer.numberOfLeadingZeros(n));
            int bit = toBit - bits;
            boolean low = bit < 64;
            long[] digits = low ? lo : hi;
            int shift = low ? bit : bit - 64;
            int mask = (1 << bits) - 1;
            if (depth == partStarts.length) {
                partStarts = Arrays.copyOf(partStarts, depth * 2);
            }
            int[] starts = partStarts[depth];
            if (starts == null) {
                starts = partStarts[depth] = new int[(1 << DIGIT_BITS) + 1];
            }
            Arrays.fill(starts, 0, mask + 2, 0);
            for (int i = start; i < end; i++) {
                starts[((int) (digits[i] >>> shift) & mask) + 1]++;
            }
            toBit = bit;
            if (starts[((int) (digits[start] >>> shift) & mask) + 1] == n) {
                continue; // one value for all: split by the next digit
            }
            starts[0] = start;
            for (int d = 1; d <= mask + 1; d++) {
                starts[d] += starts[d - 1];
            }
            int[] next = partNext; // each part's next free place
            System.arraycopy(starts, 0, next, 0, mask + 1);
            for (int i = start; i < end; i++) {
                int to = next[(int) (digits[i] >>> shift) & mask]++;
                loTo[to] = lo[i];
                hiTo[to] = hi[i];
            }
            System.arraycopy(loTo, start, lo, start, n);
            System.arraycopy(hiTo, start, hi, start, n);
            for (int d = 0; d <= mask; d++) {
                if (starts[d + 1] - starts[d] > 1) {
                    sortRange(lo, hi, loTo, hiTo, starts[d], starts[d + 1], fromBit, toBit, depth + 1);
                }
            }
            return;
        }
        if (toBit > fromBit) {
            insertionSort(lo, hi, start, end);
        }
    }

    /** Parts of at most this many records are sorted by insertion. */
    private static final int INSERTION_RECORDS = 24;

    /**
     * Sorts a few packed keys by all their 128 bits, unsigned, which is their order by the bits being sorted:
     * the bits above those are equal within a part, and the bits below them are the record's index (and, where
     * its passes were skipped, the least significant word, in the records' order already), so ties stay stable.
     */
    private static void insertionSort(long[] lo, long[] hi, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            long l = lo[i];
            long h = hi[i];
            int j = i - 1;
            while (j >= start && (hi[j] != h ? Long.compareUnsigned(hi[j], h) > 0 : Long.compareUnsigned(lo[j], l) > 0)) {
                lo[j + 1] = lo[j];
                hi[j + 1] = hi[j];
                j--;
            }
            lo[j + 1] = l;
            hi[j + 1] = h;
        }
    }

    /** The width of the digit that ends at {@code toBit}: at most {@link #DIGIT_BITS}, within one long. */
    private static int digitBelow(int toBit, int fromBit) {
        int bits = Math.min(DIGIT_BITS, toBit - fromBit);
        return toBit > 64 && toBit - bits < 64 ? toBit - 64 : bits;
    }

    /** The records in key order, read in place; the buffer is empty for new records once the source is done. */
    RecordSource asSource() {
        sort();
        InOrder records = new InOrder(sorted, size);
        clear();
        return new RecordSource() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() {
                return records.next();
            }

            @Override
            public int[] words() {
                return records.current;
            }

            @Override
            public long count() {
                return records.count;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        long[] first = new long[Math.min(size, 4)];
        for (int r = 0; r < first.length; r++) {
            first[r] = countOf(r);
        }
        return size + " records of " + width + " words: " + Arrays.toString(first);
    }
}
