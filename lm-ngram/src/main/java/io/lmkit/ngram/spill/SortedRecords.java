package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Records of {@code width} words and a count, added in any order and read back sorted with equal
 * records added up (of records whose keys are equal, the payload of the first added is kept), in at most
 * about {@code memoryBytes} of heap: a full buffer is sorted into a
 * run in the {@link SpillFolder}; reading merges the runs (in passes of at most as many runs as
 * there is memory for read buffers) with what the buffer holds last. When nothing spilled, the
 * buffer is the only run: the in-memory path is the spilling path without files.
 *
 * <p>The buffer memory is several buffers: while full ones are sorted and written as runs on background
 * threads, records go into another, so that sorting (the largest cost of a bounded-memory estimation) runs on a
 * second core beside the work that produces the records; and a merge is read ahead on a background thread
 * ({@link PrefetchedRecords}) beside the work that consumes it. Where keys repeat often there are two buffers
 * (one spilling): a buffer combines more the larger it is. Otherwise there are three, two of them spilling at
 * once: sorting and writing a buffer takes longer than filling one, so with a single spill the producer waited
 * for it about half of the 100 M-word estimation's probabilities pass, a core idle meanwhile. The runs differ
 * from a single buffer's, the merged stream does not: runs are kept in the order their buffers filled, and ties
 * between runs give the record of the earlier run, as a single buffer's stable sort does.
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
    private final int varintWidth;
    private final RecordOrder order;
    private final long memoryBytes;
    private final SpillFolder folder;
    /** The buffer records go into. */
    private SortBuffer buffer;
    /** Empty buffers, for when {@link #buffer} is full. */
    private final java.util.ArrayDeque<SortBuffer> idle = new java.util.ArrayDeque<>();
    /** The runs being sorted and written in the background, oldest first, with their buffers. */
    private final java.util.ArrayDeque<Spill> spilling = new java.util.ArrayDeque<>();
    /** How many runs may be spilling at once: one buffer fewer than there are. */
    private final int maxSpilling;
    private final List<RunFile> runs = new ArrayList<>();

    /** A full buffer being sorted and written as a run. */
    private record Spill(SortBuffer buffer, Future<RunFile> run) {
    }

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
        this(name, width, keyWidth, keyWidth, order, repeats, memoryBytes, folder);
    }

    /**
     * A sorter of records whose first {@code keyWidth} ints are the key and whose other ints are a payload, of
     * which the first {@code varintWidth − keyWidth} are small non-negative ints (counts), which runs code as
     * varints (see {@link RunFile}): the key and those come first.
     */
    public SortedRecords(String name, int width, int keyWidth, int varintWidth, RecordOrder order, KeyRepeats repeats,
                         long memoryBytes, SpillFolder folder) {
        if (varintWidth < keyWidth || varintWidth > width) {
            throw new IllegalArgumentException("records of " + width + " words with a key of " + keyWidth
                    + " cannot code " + varintWidth + " as varints");
        }
        if (memoryBytes < minimumBytes(width)) {
            throw new LmkitException("sorting " + name + " needs at least " + MemoryBudget.format(minimumBytes(width))
                    + " of memory, given " + MemoryBudget.format(memoryBytes) + "; give a larger memory=");
        }
        this.name = name;
        this.width = width;
        this.keyWidth = keyWidth;
        this.varintWidth = varintWidth;
        this.order = order;
        this.memoryBytes = memoryBytes;
        this.folder = folder;
        int buffers = repeats == KeyRepeats.MANY ? 2 : 3;
        this.maxSpilling = buffers - 1;
        long capacity = (memoryBytes - mergeBytes(memoryBytes)) / SortBuffer.bytesPerRecord(width, repeats) / buffers;
        int records = (int) Math.min(capacity, Integer.MAX_VALUE / Math.max(width + 2, 8)); // words and count
        this.buffer = new SortBuffer(width, keyWidth, order, repeats, records);
        for (int i = 1; i < buffers; i++) {
            idle.add(new SortBuffer(width, keyWidth, order, repeats, records));
        }
    }

    /** Adds {@code count} to the record of the {@code width} words at {@code words[from..]}. */
    public void add(int[] words, int from, long count) {
        if (buffer.full()) {
            spill();
        }
        buffer.add(words, from, count);
    }

    /**
     * Reads ahead where the record at {@code words[from..]} goes, before it is {@link #add added}: counting reads
     * ahead the windows of a sentence, then adds them (see {@link SortBuffer#prefetch}). Changes nothing.
     */
    public void prefetch(int[] words, int from) {
        buffer.prefetch(words, from);
    }

    /** Adds a record of the words {@code words[0..width)}. */
    public void add(int[] words, long count) {
        add(words, 0, count);
    }

    /**
     * Hands the full buffer to a spill thread, once fewer than {@link #maxSpilling} are spilling, and fills an
     * idle one.
     */
    private void spill() {
        if (spilling.size() == maxSpilling) {
            awaitOldestSpill();
        }
        SortBuffer full = buffer;
        buffer = idle.pop();
        spilling.add(new Spill(full, folder.inBackground(
                () -> RunFile.write(folder, name, width, varintWidth, full::drain))));
    }

    /** Waits for every run being spilled and adds them to the runs, in the order their buffers filled. */
    private void awaitSpill() {
        while (!spilling.isEmpty()) {
            awaitOldestSpill();
        }
    }

    /** Waits for the oldest run being spilled and adds it to the runs; its failure is thrown here, as it was raised. */
    private void awaitOldestSpill() {
        Spill oldest = spilling.pop();
        Future<RunFile> pending = oldest.run();
        try {
            runs.add(pending.get());
            idle.add(oldest.buffer());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new LmkitException("interrupted while sorting " + name + " into a run in " + folder.path());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LmkitException("sorting " + name + " into a run in " + folder.path() + " failed: " + cause, cause);
        }
    }

    /** Whether a run is being sorted and written in the background (and not yet waited for). */
    boolean writingRun() {
        return !spilling.isEmpty();
    }

    /** How many runs went to disk so far (a run being written counts once it is done). */
    public int spilledRuns() {
        awaitSpill();
        return runs.size();
    }

    /**
     * The records sorted and combined; the sorter is then empty. Closing the stream deletes the runs it read.
     */
    public RecordSource sorted() {
        // The last buffer is sorted here while the spills still running go on beside it.
        RecordSource last = buffer.asSource();
        awaitSpill();
        try {
            long mergeBytes = mergeBytes(memoryBytes);
            int fanIn = (int) Math.min(1024, mergeBytes / RunFile.BUFFER_BYTES);
            while (runs.size() + 1 > fanIn) {
                // Too many runs to read at once: merge consecutive groups of them into longer runs, the oldest
                // first, until the rest can be read at once. Keeping the runs in the order they were written
                // keeps the first-added payload of equal keys.
                List<RunFile> merged = new ArrayList<>();
                int at = 0;
                while (at < runs.size() && merged.size() + (runs.size() - at) + 1 > fanIn) {
                    List<RunFile> group = new ArrayList<>(runs.subList(at, Math.min(at + fanIn, runs.size())));
                    at += group.size();
                    merged.add(group.size() == 1 ? group.get(0) : merge(group, mergeBytes));
                }
                merged.addAll(runs.subList(at, runs.size()));
                runs.clear();
                runs.addAll(merged);
            }
            List<RecordSource> sources = new ArrayList<>();
            for (RunFile r : runs) {
                sources.add(r.open(readBuffer(mergeBytes, runs.size())));
            }
            runs.clear();
            sources.add(last);
            // A merge is read ahead on another thread, beside the work that consumes it.
            return sources.size() == 1 ? sources.get(0)
                    : new PrefetchedRecords(new MergedRecords(width, keyWidth, order, sources), folder);
        } catch (IOException e) {
            throw new LmkitException("cannot read back the sorted runs of " + name + " in " + folder.path() + ": "
                    + e.getMessage() + SpillFolder.READ_FAILED_FIX, e);
        }
    }

    /** One run of the records of {@code group}, merged. */
    private RunFile merge(List<RunFile> group, long mergeBytes) throws IOException {
        List<RecordSource> sources = new ArrayList<>();
        for (RunFile r : group) {
            sources.add(r.open(readBuffer(mergeBytes, group.size())));
        }
        try (RecordSource merged = new MergedRecords(width, keyWidth, order, sources)) {
            return RunFile.write(folder, name, width, varintWidth, sink -> {
                while (merged.next()) {
                    sink.accept(merged.words(), merged.count());
                }
            });
        }
    }

    /** Each reader's share of a merge's memory, between the least a merge is budgeted for and a mebibyte. */
    private static int readBuffer(long mergeBytes, int readers) {
        return (int) Math.max(RunFile.BUFFER_BYTES, Math.min(RunFile.MAX_MERGE_BUFFER_BYTES,
                mergeBytes / Math.max(1, readers)));
    }

    @Override
    public String toString() {
        return name + ": " + runs.size() + " runs spilled, " + buffer.size() + " records buffered"
                + (spilling.isEmpty() ? "" : ", " + spilling.size() + " being written");
    }
}
