package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a file with a {@link SentenceReader} on a thread of its own and hands its sentences to the caller's
 * consumer in batches, in file order: splitting the text into words (the reader) and numbering the words (the
 * corpus) then run on two cores. The 100 M-word synthetic corpus spent 18 s reading on one core, a tenth of its
 * n-gram estimation (BENCHMARKS.md, "Corpus scale").
 *
 * <p>The consumer sees exactly what the reader gives, sentence by sentence with its line number; an error of the
 * reader (a missing file, invalid UTF-8 at some line) is thrown to the caller after the sentences before it were
 * consumed, as reading on one thread would; an error of the consumer stops the reader and is thrown as it is.
 * The lists the consumer gets are views, valid only during its call (the corpus builders keep the words, not
 * the list).
 */
final class BackgroundSentences {

    /** Words a batch holds before it is handed over: large enough that the hand-over costs nothing. */
    static final int BATCH_WORDS = 1 << 16;

    /** Batches in flight: the reader fills one while the consumer takes the others. */
    private static final int BATCHES = 3;

    private BackgroundSentences() {
    }

    /** Reads {@code file} with {@code reader} on a background thread, {@code consumer} taking each sentence here. */
    static void read(Path file, SentenceReader reader, SentenceReader.SentenceConsumer consumer) {
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        Thread thread = new Thread(() -> produce(file, reader, full, free), "lmkit-sentence-reader");
        thread.setDaemon(true);
        thread.start();
        boolean finished = false;
        try {
            consume(file, full, free, consumer);
            finished = true;
        } finally {
            if (!finished) {
                thread.interrupt(); // the consumer failed: the reader stops at its next sentence or wait
            }
            joinUninterruptibly(thread);
        }
    }

    private static void produce(Path file, SentenceReader reader, BlockingQueue<Batch> full,
                                BlockingQueue<Batch> free) {
        Batch[] current = new Batch[1];
        try {
            current[0] = free.take();
            reader.read(file, (words, line) -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Stopped();
                }
                Batch b = current[0];
                b.add(words, line);
                if (b.words >= BATCH_WORDS) {
                    try {
                        full.put(b);
                        current[0] = free.take();
                    } catch (InterruptedException e) {
                        throw new Stopped();
                    }
                }
            });
            current[0].end = true;
            full.put(current[0]);
        } catch (Stopped | InterruptedException e) {
            // The consumer gave up: it throws its own error.
        } catch (RuntimeException | Error e) {
            // Handed over behind the sentences read before it, as one thread would have met it.
            Batch last = current[0] != null ? current[0] : new Batch();
            last.failure = e;
            last.end = true;
            try {
                full.put(last);
            } catch (InterruptedException stopped) {
                // The consumer gave up meanwhile.
            }
        }
    }

    private static void consume(Path file, BlockingQueue<Batch> full, BlockingQueue<Batch> free,
                                SentenceReader.SentenceConsumer consumer) {
        SentenceView view = new SentenceView();
        while (true) {
            Batch b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LmkitException("reading " + file + " was interrupted");
            }
            int from = 0;
            for (int s = 0; s < b.sentences; s++) {
                view.set(b.text, from, b.ends[s]);
                consumer.accept(view, b.lines[s]);
                from = b.ends[s];
            }
            if (b.failure instanceof RuntimeException r) {
                throw r;
            }
            if (b.failure instanceof Error e) {
                throw e;
            }
            if (b.end) {
                return;
            }
            b.clear();
            free.add(b);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown through the reader to stop it once the consumer has failed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Sentences one after another: their words in one array, where each ends, and their line numbers. */
    private static final class Batch {
        String[] text = new String[BATCH_WORDS + 64];
        int words;
        int[] ends = new int[1 << 12];
        long[] lines = new long[1 << 12];
        int sentences;
        boolean end;
        Throwable failure;

        void add(List<String> sentence, long line) {
            int n = sentence.size();
            if (words + n > text.length) {
                text = Arrays.copyOf(text, Math.max(words + n, 2 * text.length));
            }
            if (sentences == ends.length) {
                ends = Arrays.copyOf(ends, 2 * sentences);
                lines = Arrays.copyOf(lines, 2 * sentences);
            }
            for (int i = 0; i < n; i++) {
                text[words++] = sentence.get(i);
            }
            ends[sentences] = words;
            lines[sentences++] = line;
        }

        void clear() {
            Arrays.fill(text, 0, words, null); // the words may go once consumed
            words = 0;
            sentences = 0;
        }
    }

    /** One sentence of a batch as a list, moved from sentence to sentence. */
    private static final class SentenceView extends AbstractList<String> {
        private String[] text;
        private int from;
        private int size;

        void set(String[] text, int from, int to) {
            this.text = text;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public String get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("word " + index + " of a sentence of " + size);
            }
            return text[from + index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
