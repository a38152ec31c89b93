package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import java.io.IOException;

/**
 * Records of {@code width} ints put by their index, each index of {@code 0..size−1} once and in any order, and
 * read back in index order, in bounded memory. Where the records of a stream have numbers already (an n-gram's
 * rank in trie order, counted where the stream was in that order), putting each at its number replaces sorting
 * it back by its words.
 *
 * <p>When the records fit in the memory given they go straight into one array: a placement, no comparison, and
 * nothing written. The puts land at random in an array of up to a few GB, a cache miss each, so they are placed
 * {@link #BATCH} at a time: their slots are read first, all at once (the misses overlap), then written. When they do not, they are sorted by their index in bounded memory ({@link SortedRecords},
 * a one-int key), which still compares one int where a sort by the words compared up to an n-gram's five.
 */
public final class IndexedRecords {

    /** The least memory accepted: what the sort by index needs, when the records do not fit. */
    public static long minimumBytes(int width) {
        return SortedRecords.minimumBytes(width + 1);
    }

    /** Puts placed together. */
    static final int BATCH = 64;

    private final String name;
    private final long size;
    private final int width;
    /** The records, {@code width} ints each, when they fit (else null). */
    private final int[] values;
    /** Puts not yet placed in {@link #values}: their indexes and their ints. */
    private final int[] batchIndexes = new int[BATCH];
    private final int[] batchInts;
    private int batchSize;
    /** What reading the slots ahead read, kept so that the reads are not left out. */
    private int touched;
    /**
     * The sum, and the sum of squares, of the indexes put (wrapping): an index put twice and another never change
     * them, which the reading checks, where a mark per index would cost a second cache miss a put.
     */
    private long indexSum;
    private long indexSquareSum;
    /** The sort by index, when they do not fit (else null). */
    private final SortedRecords byIndex;
    private final int[] record;
    private long puts;
    private boolean reading;

    /**
     * Room for {@code size} records of {@code width} ints in about {@code memoryBytes} of heap, spilling to
     * {@code folder} (runs named after {@code name}) when they do not fit.
     */
    public IndexedRecords(String name, long size, int width, long memoryBytes, SpillFolder folder) {
        if (size < 0 || size > Integer.MAX_VALUE || width < 1) {
            throw new IllegalArgumentException(size + " records of " + width + " ints cannot be indexed by an int");
        }
        if (memoryBytes < minimumBytes(width)) {
            throw new LmkitException("placing " + name + " needs at least " + MemoryBudget.format(minimumBytes(width))
                    + " of memory, given " + MemoryBudget.format(memoryBytes) + "; give a larger memory=");
        }
        this.name = name;
        this.size = size;
        this.width = width;
        boolean fits = size * 4L * width <= memoryBytes && size * width <= Integer.MAX_VALUE - 8;
        this.values = fits ? new int[(int) size * width] : null;
        this.batchInts = new int[fits ? BATCH * width : 0];
        // The index, then the ints (any bits).
        this.byIndex = fits ? null : new SortedRecords(name, width + 1, 1, 1, RecordOrder.CONTEXT, KeyRepeats.FEW,
                memoryBytes, folder);
        this.record = new int[width + 1];
    }

    /** Whether the records are sorted in bounded memory, maybe on disk (they do not fit in the memory given). */
    public boolean spilled() {
        return byIndex != null;
    }

    /** Puts the record of the {@code width} ints at {@code from..} of {@code ints} at {@code index}. */
    public void put(long index, int[] ints, int from) {
        if (reading) {
            throw new IllegalStateException("the records of " + name + " are being read back; put no more");
        }
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " of " + name + " is outside 0.." + (size - 1));
        }
        puts++;
        if (values != null) {
            indexSum += index;
            indexSquareSum += index * index;
            batchIndexes[batchSize] = (int) index;
            RecordCopy.copy(ints, from, batchInts, batchSize * width, width);
            if (++batchSize == BATCH) {
                place();
            }
            return;
        }
        record[0] = (int) index;
        RecordCopy.copy(ints, from, record, 1, width);
        byIndex.add(record, 0);
    }

    /** Places the batch: reads every slot first, so that their cache misses overlap, then writes them. */
    private void place() {
        int t = 0;
        for (int i = 0; i < batchSize; i++) {
            t += values[batchIndexes[i] * width];
        }
        touched += t;
        for (int i = 0; i < batchSize; i++) {
            System.arraycopy(batchInts, i * width, values, batchIndexes[i] * width, width);
        }
        batchSize = 0;
    }

    /**
     * The records in index order, each index's ints as {@link RecordSource#words()} (count 0); once every index
     * was put, and once only.
     */
    public RecordSource inIndexOrder() {
        if (reading) {
            throw new IllegalStateException("the records of " + name + " are read once");
        }
        if (puts != size) {
            throw new IllegalStateException(name + ": " + puts + " records put of " + size);
        }
        reading = true;
        if (values != null) {
            place();
            long sum = 0;
            long squares = 0;
            for (long i = 0; i < size; i++) {
                sum += i;
                squares += i * i;
            }
            if (sum != indexSum || squares != indexSquareSum) {
                throw new IllegalStateException(name + ": the indexes put are not each of 0.." + (size - 1)
                        + " once (one was put twice, another never)");
            }
        }
        RecordSource sorted = byIndex == null ? null : byIndex.sorted();
        return new RecordSource() {
            private final int[] words = new int[width];
            private int next;

            @Override
            public int width() {
                return width;
            }

            @Override
            public boolean next() throws IOException {
                if (sorted == null) {
                    if (next == size) {
                        return false;
                    }
                    RecordCopy.copy(values, next * width, words, 0, width);
                    next++;
                    return true;
                }
                if (!sorted.next()) {
                    if (next != size) {
                        throw new IllegalStateException(name + ": the records end at index " + next + " of " + size);
                    }
                    return false;
                }
                int[] r = sorted.words();
                if (r[0] != next) {
                    // Every index was put as often as there are indexes, so one missing means another put twice
                    // (which the sort folded into one).
                    throw new IllegalStateException("index " + next + " of " + name + " was never put (another was"
                            + " put twice)");
                }
                RecordCopy.copy(r, 1, words, 0, width);
                next++;
                return true;
            }

            @Override
            public int[] words() {
                return words;
            }

            @Override
            public long count() {
                return 0;
            }

            @Override
            public void close() throws IOException {
                if (sorted != null) {
                    sorted.close();
                }
            }
        };
    }
}
