package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records of {@code width} words and a count, added in any order and read back sorted with equal
 * records added up, in at most about {@code memoryBytes} of heap: a full buffer is sorted into a
 * run in the {@link SpillFolder}; reading merges the runs (in passes of at most as many runs as
 * there is memory for read buffers) with what the buffer holds last. When nothing spilled, the
 * buffer is the only run: the in-memory path is the spilling path without files.
 */
public final class SortedRecords {

    /** The least memory one sorter accepts: two read buffers of a merge and 64 records (with their hash slots). */
    public static long minimumBytes(int width) {
        return 2L * RunFile.BUFFER_BYTES + 64L * SortBuffer.bytesPerRecord(width, KeyRepeats.MANY);
    }

    /** Memory kept for the read buffers of a merge: a quarter, at least two buffers. */
    private static long mergeBytes(long memoryBytes) {
        return Math.max(2L * RunFile.BUFFER_BYTES, memoryBytes / 4);
    }

    private final String name;
    private final int width;
    private final int keyWidth;
    private final RecordOrder order;
    private final long memoryBytes;
    private final SpillFolder folder;
    private final SortBuffer buffer;
    private final List<RunFile> runs = new ArrayList<>();

    /**
     * A sorter of records that are all key and repeat it often ({@link KeyRepeats#MANY}: n-gram counting).
     *
     * @param name        what the records are, for run file names and errors (e.g. {@code order-3})
     * @param memoryBytes heap for the buffer (three quarters) and for merging (a quarter), at least
     *                    {@link #minimumBytes(int)}
     */
    public SortedRecords(String name, int width, RecordOrder order, long memoryBytes, SpillFolder folder) {
        this(name, width, width, order, KeyRepeats.MANY, memoryBytes, folder);
    }

    /**
     * A sorter of records whose first {@code keyWidth} ints are the key and whose other
     * {@code width − keyWidth} ints are a payload carried along (e.g. a float64 as two ints, see
     * {@link Payload}); of equal keys the counts are added and the first payload is kept.
     *
     * @param repeats how often keys repeat, which decides where they are combined (the result is the same)
     */
    public SortedRecords(String name, int width, int keyWidth, RecordOrder order, KeyRepeats repeats,
                         long memoryBytes, SpillFolder folder) {
        if (memoryBytes < minimumBytes(width)) {
            throw new LmkitException("sorting " + name + " needs at least " + MemoryBudget.format(minimumBytes(width))
                    + " of memory, given " + MemoryBudget.format(memoryBytes) + "; give a larger memory=");
        }
        this.name = name;
        this.width = width;
        this.keyWidth = keyWidth;
        this.order = order;
        this.memoryBytes = memoryBytes;
        this.folder = folder;
        long capacity = (memoryBytes - mergeBytes(memoryBytes)) / SortBuffer.bytesPerRecord(width, repeats);
        this.buffer = new SortBuffer(width, keyWidth, order, repeats,
                (int) Math.min(capacity, Integer.MAX_VALUE / Math.max(width, 8)));
    }

    /** Adds {@code count} to the record of the {@code width} words at {@code words[from..]}. */
    public void add(int[] words, int from, long count) {
        if (buffer.full()) {
            spill();
        }
        buffer.add(words, from, count);
    }

    /** Adds a record of the words {@code words[0..width)}. */
    public void add(int[] words, long count) {
        add(words, 0, count);
    }

    private void spill() {
        runs.add(RunFile.write(folder, name, width, buffer::drain));
    }

    /** How many runs went to disk so far. */
    public int spilledRuns() {
        return runs.size();
    }

    /**
     * The records sorted and combined; the sorter is then empty. Closing the stream deletes the runs it read.
     */
    public RecordSource sorted() {
        try {
            int fanIn = (int) Math.min(1024, mergeBytes(memoryBytes) / RunFile.BUFFER_BYTES);
            while (runs.size() + 1 > fanIn) {
                // Too many runs to read at once: merge the oldest into one longer run first.
                List<RunFile> group = new ArrayList<>(runs.subList(0, fanIn));
                runs.subList(0, fanIn).clear();
                List<RecordSource> sources = new ArrayList<>();
                for (RunFile r : group) {
                    sources.add(r.open());
                }
                try (RecordSource merged = new MergedRecords(width, keyWidth, order, sources)) {
                    runs.add(RunFile.write(folder, name, width, sink -> {
                        while (merged.next()) {
                            sink.accept(merged.words(), merged.count());
                        }
                    }));
                }
            }
            List<RecordSource> sources = new ArrayList<>();
            for (RunFile r : runs) {
                sources.add(r.open());
            }
            runs.clear();
            sources.add(buffer.asSource());
            return sources.size() == 1 ? sources.get(0) : new MergedRecords(width, keyWidth, order, sources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the sorted runs of " + name + " in " + folder.path() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + ": " + runs.size() + " runs spilled, " + buffer.size() + " records buffered";
    }
}
