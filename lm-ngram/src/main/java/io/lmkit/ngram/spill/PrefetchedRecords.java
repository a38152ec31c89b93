package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A record stream read ahead on a background thread: the k-way merge of a sorter's runs (reading and
 * decoding the files, the heap) runs beside the work that consumes its records, on the other core. Records
 * come over in blocks of {@link #BLOCK_RECORDS}, three blocks reused in turn, so the memory is a few hundred
 * KiB whatever the stream. The stream is the upstream's, record for record.
 */
final class PrefetchedRecords implements RecordSource {

    /** Records a block holds. */
    static final int BLOCK_RECORDS = 4096;

    /** A block of records, and how many it holds; one with fewer than {@link #BLOCK_RECORDS} ends the stream. */
    private static final class Block {
        final int[] words;
        final long[] counts = new long[BLOCK_RECORDS];
        int size;

        Block(int width) {
            words = new int[BLOCK_RECORDS * width];
        }
    }

    private final int width;
    private final SpillFolder folder;
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<Block> empty = new ArrayBlockingQueue<>(3);
    private final Future<Void> reader;
    private final int[] words;
    private Block block;
    private int at;
    private long count;
    private boolean ended;

    PrefetchedRecords(RecordSource upstream, SpillFolder folder) {
        this.width = upstream.width();
        this.folder = folder;
        this.words = new int[width];
        for (int i = 0; i < 3; i++) {
            empty.add(new Block(width));
        }
        this.reader = folder.inBackground(() -> {
            try (upstream) {
                while (true) {
                    Block b = empty.take();
                    int n = 0;
                    while (n < BLOCK_RECORDS && upstream.next()) {
                        RecordCopy.copy(upstream.words(), 0, b.words, n * width, width);
                        b.counts[n++] = upstream.count();
                    }
                    b.size = n;
                    full.put(b);
                    if (n < BLOCK_RECORDS) {
                        return null;
                    }
                }
            }
        });
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean next() throws IOException {
        if (ended) {
            return false;
        }
        if (block == null || at == block.size) {
            if (block != null) {
                if (block.size < BLOCK_RECORDS) {
                    ended = true;
                    return false;
                }
                empty.add(block);
            }
            block = take();
            at = 0;
            if (block.size == 0) {
                ended = true;
                return false;
            }
        }
        RecordCopy.copy(block.words, at * width, words, 0, width);
        count = block.counts[at++];
        return true;
    }

    /**
     * The next block; a failure of the reading thread is thrown here. It waits in short polls so that a reader
     * that failed before its first block is noticed (a poll returns as soon as a block comes).
     */
    private Block take() throws IOException {
        while (true) {
            try {
                Block b = full.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                if (reader.isDone()) {
                    Block last = full.poll();
                    if (last != null) {
                        return last;
                    }
                    reader.get(); // throws what the reader threw; a reader that ended put its last block first
                    throw new IllegalStateException("the read-ahead of sorted runs ended without its last block");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading sorted runs");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new LmkitException("reading sorted runs failed: " + cause, cause);
            } catch (CancellationException e) {
                throw new InterruptedIOException("the read-ahead of sorted runs was stopped");
            }
        }
    }

    @Override
    public int[] words() {
        return words;
    }

    @Override
    public long count() {
        return count;
    }

    /**
     * Stops the reading thread if it is still reading (a consumer that stops early), and returns once it has
     * ended and closed the upstream, so that the memory the upstream held (a sorter's buffers) is free when the
     * next sorter is made.
     */
    @Override
    public void close() throws IOException {
        if (!reader.isDone() && !ended) {
            reader.cancel(true);
        }
        full.clear();
        empty.clear();
        folder.awaitFinished(reader);
        if (reader.isCancelled()) {
            return;
        }
        try {
            reader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (!ended) {
                return; // the failure was or will be reported by next(), or the consumer stopped early
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
