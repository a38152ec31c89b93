package io.lmkit.ngram.estimate;

import io.lmkit.core.MemoryBudget;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramOrder;
import io.lmkit.ngram.internal.LongIdMap;
import java.util.Arrays;

/**
 * The n-gram counts of a corpus for every order up to n, under the sentence-boundary convention
 * of KenLM and SRILM: each sentence is {@code <s>}, its words, {@code </s>}; every n-gram that ends
 * at a word or at {@code </s>} is counted; an n-gram that would reach before {@code <s>} is cut to
 * the one that starts at {@code <s>}.
 *
 * <p>Each n-gram of order k ≥ 2 has a dense id and is keyed by the id of its first k−1 words at
 * order k−1 (for k = 2, the word id) and its last word. For every n-gram the counts keep:
 * <ul>
 *   <li>{@link #occurrences}: how often it ends a position, the classic count c(g);</li>
 *   <li>{@link #continuations}: how many distinct words v precede it as v·g one order up,
 *       N1+(• g), the Kneser-Ney continuation count;</li>
 *   <li>{@link #suffix}: the id of its last k−1 words one order down.</li>
 * </ul>
 */
public final class NgramCounts {

    private final Vocabulary vocabulary;
    private final int order;
    private final LongIdMap[] maps;
    private final int[][] suffix;
    private final long[][] occurrences;
    private final int[][] continuations;
    private final long sentences;
    private final int[] firstAppearance;
    /** The sum of the hash slots touched ahead of lookups, kept so that no compiler drops those reads. */
    private volatile int touched;

    private NgramCounts(Vocabulary vocabulary, int order, long sentences) {
        this.firstAppearance = new int[vocabulary.size()];
        java.util.Arrays.fill(firstAppearance, -1);
        firstAppearance[vocabulary.bos()] = 1;
        firstAppearance[vocabulary.eos()] = 2;
        this.vocabulary = vocabulary;
        this.order = order;
        this.sentences = sentences;
        this.maps = new LongIdMap[order + 1];
        this.suffix = new int[order + 1][];
        this.occurrences = new long[order + 1][];
        this.continuations = new int[order + 1][];
    }

    /** Counts every n-gram of orders 1..{@code order} in {@code corpus}. */
    public static NgramCounts count(Corpus corpus, int order) {
        return count(corpus, order, tokens -> { });
    }

    /**
     * Counts every n-gram of orders 1..{@code order} in {@code corpus}, telling {@code tokensDone}
     * how many tokens (words and {@code </s>}) are counted every 1,024 sentences and at the end, so
     * a long count can show its progress.
     */
    public static NgramCounts count(Corpus corpus, int order, java.util.function.LongConsumer tokensDone) {
        NgramOrder.check(order);
        Vocabulary v = corpus.vocabulary();
        MemoryBudget.require(estimateBytes(corpus.tokenCount(), corpus.sentenceCount(), v.size(), order),
                "counting the n-grams of orders 2-" + order + " in " + corpus.tokenCount() + " tokens",
                "a lower order (--set order=...) or a smaller training corpus");
        NgramCounts c = new NgramCounts(v, order, corpus.sentenceCount());
        // Sized for a good part of the corpus's positions, so that a large count rehashes once or twice, not ten times.
        int expected = (int) Math.min(1 << 19, Math.max(1 << 12, corpus.tokenCount() / 2));
        c.occurrences[1] = new long[v.size()];
        c.continuations[1] = new int[v.size()];
        for (int k = 2; k <= order; k++) {
            c.maps[k] = new LongIdMap(expected);
            c.suffix[k] = new int[1 << 12];
            c.occurrences[k] = new long[1 << 12];
            c.continuations[k] = new int[k < order ? 1 << 12 : 0];
        }
        if (order < 3 || corpus.tokenCount() > Integer.MAX_VALUE - 8) {
            c.countOrders(corpus, 2, order, null, null, null, tokensDone);
        } else {
            c.countInTwoHalves(corpus, tokensDone);
        }
        for (int k = 2; k <= order; k++) {
            int n = c.maps[k].size();
            c.suffix[k] = Arrays.copyOf(c.suffix[k], n);
            c.occurrences[k] = Arrays.copyOf(c.occurrences[k], n);
            c.continuations[k] = Arrays.copyOf(c.continuations[k], n);
        }
        tokensDone.accept(corpus.tokenCount());
        return c;
    }

    /**
     * Heap bytes counting needs per distinct n-gram: hash slots of 16 bytes (key and id) at half load, the key by
     * id, its suffix and two counts.
     */
    static final int BYTES_PER_NGRAM = 56;

    /**
     * An upper estimate of the heap bytes counting takes: each order k ≥ 2 has at most one distinct
     * n-gram per position (every word and {@code </s>}), and at most |V|^k.
     */
    public static long estimateBytes(long tokens, long sentences, long vocabulary, int order) {
        long positions = MemoryBudget.plus(tokens, sentences);
        long bytes = 0;
        long possible = vocabulary;
        for (int k = 2; k <= order; k++) {
            possible = MemoryBudget.times(possible, vocabulary);
            bytes = MemoryBudget.plus(bytes, MemoryBudget.times(Math.min(positions, possible), BYTES_PER_NGRAM));
        }
        return bytes;
    }

    /**
     * Counts orders 2..⌈n/2⌉ on this thread and the orders above on a second one, which reads the ids of order
     * ⌈n/2⌉ at every position as this thread hands them over. Each order is still counted by one thread in
     * corpus order, so every id, count and continuation count is what counting on one thread gives.
     */
    private void countInTwoHalves(Corpus corpus, java.util.function.LongConsumer tokensDone) {
        int split = (order + 1) / 2;
        int[] handOff = new int[(int) corpus.tokenCount()];
        HandOff progress = new HandOff();
        Throwable[] upperFailure = new Throwable[1];
        Thread upper = new Thread(() -> {
            try {
                countOrders(corpus, split + 1, order, handOff, null, progress, s -> { });
            } catch (Throwable t) { // handed to the counting thread, which rethrows it
                upperFailure[0] = t;
            }
        }, "lmkit-ngram-count");
        upper.setDaemon(true);
        progress.reader = upper;
        upper.start();
        try {
            countOrders(corpus, 2, split, null, handOff, progress, tokensDone);
        } catch (RuntimeException | Error e) {
            progress.abort();
            throw e;
        } finally {
            joinUninterruptibly(upper);
        }
        if (upperFailure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (upperFailure[0] instanceof Error err) {
            throw err;
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many sentences the lower orders have handed over; the upper orders' thread waits for them. */
    private static final class HandOff {
        private final java.util.concurrent.atomic.AtomicInteger sentences = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean aborted;
        private volatile Thread reader;

        void publish(int done) {
            sentences.set(done);
            java.util.concurrent.locks.LockSupport.unpark(reader);
        }

        void abort() {
            aborted = true;
            java.util.concurrent.locks.LockSupport.unpark(reader);
        }

        /** Waits until sentence {@code s} has been handed over. */
        void await(int s) {
            while (sentences.get() <= s) {
                if (aborted) {
                    throw new IllegalStateException("the lower orders' count failed");
                }
                java.util.concurrent.locks.LockSupport.park(this);
            }
        }
    }

    /**
     * Counts orders {@code from..to} at every position of the corpus. The ids of order from−1 come from the
     * words (from = 2) or from {@code below}, the ids of that order at each position, waiting for
     * {@code progress}; with {@code handOff}, the ids of order {@code to} are written there, and {@code progress}
     * told as blocks of sentences are done.
     *
     * <p>Positions are counted in blocks of about {@value #BLOCK}, one order after the other: the keys of an
     * order at every position of a block are known once the order below is counted there, so their hash slots
     * are touched first, their cache misses overlapping, and then looked up in corpus order, which keeps the
     * ids (numbered by first appearance) what counting position after position gives.
     */
    private void countOrders(Corpus corpus, int from, int to, int[] below, int[] handOff, HandOff progress,
                             java.util.function.LongConsumer tokensDone) {
        Block b = new Block(order);
        int nextRank = 3;
        int touched = 0;
        int blocks = 0;
        int sentences = corpus.sentenceCount();
        for (int s = 0; s < sentences; ) {
            int first = s;
            s = b.read(corpus, first, vocabulary.eos());
            for (int t = first; t < s; t++) {
                if ((t & 1023) == 0 && t > 0) {
                    tokensDone.accept((long) corpus.sentenceStart(t) + t);
                }
            }
            int position = corpus.sentenceStart(first) + first; // every sentence before has one more token, its </s>
            if (below == null) {
                for (int j = 0; j < b.size; j++) {
                    int word = b.word[j];
                    b.ids[1][j] = word;
                    occurrences[1][word]++;
                    if (firstAppearance[word] < 0) {
                        firstAppearance[word] = nextRank++;
                    }
                }
            } else {
                progress.await(s - 1);
                for (int j = 0; j < b.size; j++) {
                    if (from - 1 <= b.longest(j)) {
                        b.ids[from - 1][j] = below[position + j];
                    }
                }
            }
            for (int k = from; k <= to; k++) {
                LongIdMap map = maps[k];
                int[] lower = b.ids[k - 1];
                for (int j = 0; j < b.size; j++) {
                    if (k <= b.longest(j)) {
                        int prefix = b.inSentence[j] == 0 ? vocabulary.bos() : lower[j - 1];
                        b.key[j] = ((long) prefix << 32) | b.word[j];
                        touched += map.touch(b.key[j]);
                    }
                }
                int[] ids = b.ids[k];
                for (int j = 0; j < b.size; j++) {
                    if (k <= b.longest(j)) {
                        ids[j] = add(k, b.key[j], lower[j]);
                    }
                }
            }
            if (handOff != null) {
                for (int j = 0; j < b.size; j++) {
                    if (to <= b.longest(j)) {
                        handOff[position + j] = b.ids[to][j];
                    }
                }
                if ((++blocks & 7) == 0 || s == sentences) {
                    progress.publish(s); // every 8 blocks: the thread that waits for them wakes less often
                }
            }
        }
        this.touched += touched;
    }

    /** Positions counted together (see {@link #countOrders}); a longer sentence is a block of its own. */
    private static final int BLOCK = 256;

    /** The positions of a block of whole sentences: each one's word, place in its sentence, and ids per order. */
    private static final class Block {
        int size;
        int[] word = new int[BLOCK];
        int[] inSentence = new int[BLOCK];
        long[] key = new long[BLOCK];
        final int[][] ids;
        private final int order;

        Block(int order) {
            this.order = order;
            this.ids = new int[order + 1][BLOCK];
        }

        /** The highest order that ends at position {@code j}: an n-gram reaches back at most to {@code <s>}. */
        int longest(int j) {
            return Math.min(inSentence[j] + 2, order);
        }

        /** Reads sentences from {@code first} on (at least one) into the block; returns the first not read. */
        int read(Corpus corpus, int first, int eos) {
            int s = first;
            size = 0;
            do {
                int length = corpus.sentenceLength(s);
                reserve(size + length + 1);
                int start = corpus.sentenceStart(s);
                for (int i = 0; i <= length; i++) {
                    word[size] = i < length ? corpus.wordAt(start + i) : eos;
                    inSentence[size] = i;
                    size++;
                }
                s++;
            } while (s < corpus.sentenceCount() && size + corpus.sentenceLength(s) + 1 <= BLOCK);
            return s;
        }

        private void reserve(int positions) {
            if (positions > word.length) {
                word = java.util.Arrays.copyOf(word, positions);
                inSentence = java.util.Arrays.copyOf(inSentence, positions);
                key = java.util.Arrays.copyOf(key, positions);
                for (int k = 1; k <= order; k++) {
                    ids[k] = java.util.Arrays.copyOf(ids[k], positions);
                }
            }
        }
    }

    /** Counts one occurrence of the k-gram {@code key} (prefix id, last word) whose suffix is {@code suffixId}; returns its id. */
    private int add(int k, long key, int suffixId) {
        LongIdMap map = maps[k];
        int before = map.size();
        int id = map.getOrAdd(key);
        if (map.size() > before) {
            if (id == suffix[k].length) {
                int grown = suffix[k].length * 2;
                suffix[k] = Arrays.copyOf(suffix[k], grown);
                occurrences[k] = Arrays.copyOf(occurrences[k], grown);
            }
            suffix[k][id] = suffixId;
            // Order k−1's continuation counts belong to whoever counts order k (the orders may be counted on two
            // threads), so they grow here rather than with the rest of order k−1.
            int[] lower = continuations[k - 1];
            if (suffixId >= lower.length) {
                lower = Arrays.copyOf(lower, Math.max(2 * lower.length, suffixId + 1));
                continuations[k - 1] = lower;
            }
            lower[suffixId]++;
        }
        occurrences[k][id]++;
        return id;
    }

    /**
     * Every word's number in order of first appearance in the corpus, as KenLM's lmplz numbers
     * words: {@code <s>} 1, {@code </s>} 2, the others from 3; -1 for a word never seen.
     */
    public int[] firstAppearanceRanks() {
        return firstAppearance.clone();
    }

    /** The vocabulary of the counted corpus. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The highest order counted. */
    public int order() {
        return order;
    }

    /** The number of sentences counted. */
    public long sentences() {
        return sentences;
    }

    /** The number of distinct n-grams of order {@code k} (for k = 1, the vocabulary size). */
    public int size(int k) {
        return k == 1 ? vocabulary.size() : maps[k].size();
    }

    /** The id at order k−1 of the first k−1 words of n-gram {@code id} of order {@code k} ≥ 2. */
    public int prefix(int k, int id) {
        return (int) (maps[k].key(id) >>> 32);
    }

    /** The last word of n-gram {@code id} of order {@code k} (for k = 1, the id itself). */
    public int word(int k, int id) {
        return k == 1 ? id : (int) maps[k].key(id);
    }

    /** The id at order k−1 of the last k−1 words of n-gram {@code id} of order {@code k} ≥ 2. */
    public int suffix(int k, int id) {
        return suffix[k][id];
    }

    /** c(g): how many positions n-gram {@code id} of order {@code k} ends. */
    public long occurrences(int k, int id) {
        return occurrences[k][id];
    }

    /** N1+(• g): how many distinct words precede n-gram {@code id} of order {@code k} &lt; n. */
    public int continuations(int k, int id) {
        return continuations[k][id];
    }

    /** The id of an n-gram of order {@code k} ≥ 2 from its prefix id and last word, or -1. */
    public int find(int k, int prefixId, int word) {
        return maps[k].get(((long) prefixId << 32) | word);
    }

    /** Whether n-gram {@code id} of order {@code k} starts with {@code <s>}. */
    public boolean startsWithBos(int k, int id) {
        int kk = k;
        int i = id;
        while (kk > 1) {
            i = prefix(kk, i);
            kk--;
        }
        return i == vocabulary.bos();
    }

    /** The words of n-gram {@code id} of order {@code k}, first to last. */
    public int[] words(int k, int id) {
        int[] words = new int[k];
        int kk = k;
        int i = id;
        while (kk > 1) {
            words[kk - 1] = word(kk, i);
            i = prefix(kk, i);
            kk--;
        }
        words[0] = i;
        return words;
    }
}
