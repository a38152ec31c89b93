package io.lmkit.ngram.synth;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramFollowers;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.internal.LongIdMap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * A deterministic synthetic corpus, one sentence a line: sentences drawn from an n-gram model (a
 * modified Kneser-Ney 5-gram of brown-v1, say) through its {@link NgramFollowers}, every
 * {@code <unk>} replaced by a made-up word of a {@link ZipfMandelbrotWords} vocabulary, so that the
 * number of types keeps growing with the corpus. The text holds no {@code <unk>}, {@code <s>} or
 * {@code </s>}.
 *
 * <p>Sentences come in blocks of {@value #BLOCK_SENTENCES}, each drawn from its own random stream
 * (the seed mixed with the block's index) on any of the worker threads and written in order: the
 * same seed gives the same bytes whatever the number of threads. The corpus ends with the sentence
 * that brings it to the number of words asked for.
 */
public final class SyntheticCorpus {

    /** Sentences per block: enough to keep a thread busy for some milliseconds. */
    static final int BLOCK_SENTENCES = 1024;

    private final NgramFollowers followers;
    private final ZipfMandelbrotWords madeUp;
    private final Set<String> taken;
    private final byte[][] wordBytes;

    /**
     * The type count when the corpus first reached a number of words.
     *
     * @param words the corpus's words at the end of the sentence that reached the mark
     * @param types its distinct words then
     */
    public record TypesAt(long words, long types) {
    }

    /**
     * What was written.
     *
     * @param words     words written (the newlines not counted)
     * @param sentences lines written
     * @param bytes     bytes of text (before any compression)
     * @param types     distinct words
     * @param heaps     the types at 10^3, 10^4, ... words, each power of ten the corpus reached
     */
    public record Written(long words, long sentences, long bytes, long types, List<TypesAt> heaps) {
    }

    /** A corpus drawn from {@code model}, whose unknown word becomes words of {@code madeUp}. */
    public SyntheticCorpus(NgramModel model, ZipfMandelbrotWords madeUp) {
        // A heap copy of mapped tables: lookups in the heap are faster, and a Brown 5-gram is small.
        this.followers = NgramFollowers.of(model.withLayout(io.lmkit.ngram.NgramLayout.PROBING));
        this.madeUp = madeUp;
        Vocabulary v = model.vocabulary();
        this.taken = new HashSet<>(v.words());
        this.wordBytes = new byte[v.size()][];
        for (int w = 0; w < v.size(); w++) {
            wordBytes[w] = v.word(w).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes a corpus of at least {@code words} words (ending with a whole sentence) to {@code out}.
     *
     * @param threads    worker threads drawing blocks (1 or more); the bytes do not depend on it
     * @param wordsDone  told the words written after each block
     */
    public Written write(OutputStream out, long words, long seed, int threads, LongConsumer wordsDone)
            throws IOException {
        if (words < 1 || threads < 1) {
            throw new IllegalArgumentException("a corpus needs 1 or more words and 1 or more threads, got " + words
                    + " words and " + threads + " threads");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lmkit-synth");
            t.setDaemon(true);
            return t;
        });
        try {
            return writeBlocks(out, words, seed, threads, pool, wordsDone);
        } finally {
            pool.shutdownNow();
        }
    }

    private Written writeBlocks(OutputStream out, long words, long seed, int threads, ExecutorService pool,
                                LongConsumer wordsDone) throws IOException {
        ArrayDeque<Future<SentenceBlock>> pending = new ArrayDeque<>();
        TypeCounter types = new TypeCounter(followers.vocabulary().size());
        long nextBlock = 0;
        long written = 0;
        long sentences = 0;
        long bytes = 0;
        while (written < words) {
            while (pending.size() < 2 * threads) {
                long index = nextBlock++;
                pending.add(pool.submit(() -> SentenceBlock.draw(followers, madeUp, taken, wordBytes, seed, index,
                        BLOCK_SENTENCES)));
            }
            SentenceBlock block = take(pending.poll());
            int wordAt = 0;
            int lines = 0;
            for (int s = 0; s < block.lineEnds().length && written < words; s++) {
                for (; wordAt < block.wordEnds()[s]; wordAt++) {
                    types.add(block.words()[wordAt]);
                }
                written += block.wordEnds()[s] - (s == 0 ? 0 : block.wordEnds()[s - 1]);
                types.mark(written);
                lines = s + 1;
            }
            int length = block.lineEnds()[lines - 1];
            out.write(block.text(), 0, length);
            bytes += length;
            sentences += lines;
            wordsDone.accept(written);
        }
        return new Written(written, sentences, bytes, types.types(), types.heaps());
    }

    private static SentenceBlock take(Future<SentenceBlock> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while drawing sentences");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Distinct words so far, and the count at each power of ten of words. */
    private static final class TypeCounter {
        private final boolean[] seen;
        private final LongIdMap madeUpRanks = new LongIdMap(1 << 16);
        private final List<TypesAt> heaps = new ArrayList<>();
        private long vocabularyTypes;
        private long nextMark = 1000;

        TypeCounter(int vocabularySize) {
            seen = new boolean[vocabularySize];
        }

        void add(long word) {
            if (word >= 0) {
                if (!seen[(int) word]) {
                    seen[(int) word] = true;
                    vocabularyTypes++;
                }
            } else {
                madeUpRanks.getOrAdd(-word);
            }
        }

        void mark(long words) {
            while (words >= nextMark) {
                heaps.add(new TypesAt(words, types()));
                nextMark = nextMark > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : nextMark * 10;
            }
        }

        long types() {
            return vocabularyTypes + madeUpRanks.size();
        }

        List<TypesAt> heaps() {
            return List.copyOf(heaps);
        }
    }
}
