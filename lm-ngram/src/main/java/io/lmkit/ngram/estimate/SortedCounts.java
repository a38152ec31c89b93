package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramOrder;
import io.lmkit.ngram.spill.RecordOrder;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.SortedRecords;
import io.lmkit.ngram.spill.SpillFolder;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The n-gram counts of a corpus in bounded memory, as lmplz's first pass makes them: at each token only
 * the longest n-gram that ends there is counted (under {@link NgramCounts}' sentence-boundary convention):
 * an n-gram of the highest order, or, among a sentence's first words, one that starts with {@code <s>}. Every
 * other n-gram of a lower order is the suffix of one of those, so its count is the sum of its left
 * extensions' counts, which {@link SortedDiscounts} adds up from the order above as it passes from the highest
 * order down; lmplz pads sentences with {@code <s>} and derives the lower orders the same way. One sorter
 * per order spills sorted runs when its share of {@code memory} is full (the highest order's share is most of
 * it: the others hold at most a window a sentence); each order is then read back as one stream in suffix
 * order, each window once with its count.
 *
 * <p>Words are numbered as lmplz numbers them, by first appearance ({@code <s>} 1, {@code </s>} 2,
 * the others from 3), so that suffix order here is lmplz's; {@link #word(int)} maps a number back to
 * the vocabulary id.
 */
public final class SortedCounts {

    /** lmplz's number of {@code <s>}. */
    public static final int BOS_RANK = 1;

    private final Vocabulary vocabulary;
    private final int order;
    private final SortedRecords[] sorters;
    private final int[] wordOfRank;

    private SortedCounts(Vocabulary vocabulary, int order, SortedRecords[] sorters, int[] wordOfRank) {
        this.vocabulary = vocabulary;
        this.order = order;
        this.sorters = sorters;
        this.wordOfRank = wordOfRank;
    }

    /**
     * Counts the longest n-gram ending at each token of {@code corpus} (of {@code order}, or one that starts
     * with {@code <s>}) in about {@code memoryBytes} of heap, spilling to {@code folder}.
     *
     * @param tokensDone told the tokens counted every 1,024 sentences and at the end
     * @throws LmkitException when {@code memoryBytes} is below what sorting needs, naming the least memory
     */
    public static SortedCounts count(Corpus corpus, int order, long memoryBytes, SpillFolder folder,
                                     LongConsumer tokensDone) {
        NgramOrder.check(order);
        long least = minimumBytes(order);
        if (memoryBytes < least) {
            throw new LmkitException("memory=" + MemoryBudget.format(memoryBytes) + " is too small to count the"
                    + " n-grams of orders 1-" + order + ": sorting them needs at least " + MemoryBudget.format(least)
                    + "; give memory= of at least that (e.g. memory=" + ((least >> 20) + 1) + "m)");
        }
        Vocabulary v = corpus.vocabulary();
        SortedRecords[] sorters = new SortedRecords[order + 1];
        // The lower orders hold at most one window a sentence each; the highest order gets the rest, so that its
        // runs are few (each lower share is at least what a sorter needs, and the rest is then enough too).
        long lowerShares = 0;
        for (int k = 1; k < order; k++) {
            long share = Math.max(SortedRecords.minimumBytes(k), memoryBytes / (4L * order));
            sorters[k] = new SortedRecords("order-" + k, k, RecordOrder.SUFFIX, share, folder);
            lowerShares += share;
        }
        sorters[order] = new SortedRecords("order-" + order, order, RecordOrder.SUFFIX, memoryBytes - lowerShares,
                folder);
        int[] rank = new int[v.size()];
        int[] wordOfRank = new int[v.size() + 1];
        rank[v.bos()] = BOS_RANK;
        rank[v.eos()] = 2;
        wordOfRank[BOS_RANK] = v.bos();
        wordOfRank[2] = v.eos();
        int nextRank = 3;
        // The sentence's word numbers, <s> first and </s> last: the window ending at position p is the longest
        // run of them ending there, of at most order words.
        int[] sentence = new int[64];
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            int start = corpus.sentenceStart(s);
            if ((s & 1023) == 0 && s > 0) {
                tokensDone.accept((long) start + s);
            }
            int length = corpus.sentenceLength(s);
            if (sentence.length < length + 2) {
                sentence = new int[Math.max(length + 2, 2 * sentence.length)];
            }
            sentence[0] = BOS_RANK;
            for (int i = 0; i <= length; i++) {
                int word = i < length ? corpus.wordAt(start + i) : v.eos();
                if (rank[word] == 0) {
                    rank[word] = nextRank;
                    wordOfRank[nextRank++] = word;
                }
                sentence[i + 1] = rank[word];
            }
            // Only the longest window at each position: the shorter ones are its suffixes, counted from it later.
            // Where each goes in its sorter's hash table is read for the whole sentence first (the reads overlap),
            // then the windows are added.
            for (int p = 1; p <= length + 1; p++) {
                int filled = Math.min(p + 1, order);
                sorters[filled].prefetch(sentence, p + 1 - filled);
            }
            for (int p = 1; p <= length + 1; p++) {
                int filled = Math.min(p + 1, order);
                sorters[filled].add(sentence, p + 1 - filled, 1);
            }
        }
        tokensDone.accept(corpus.tokenCount());
        return new SortedCounts(v, order, sorters, Arrays.copyOf(wordOfRank, nextRank));
    }

    /**
     * The counts of a checkpoint whose n-grams were all read already: the vocabulary, the order and the word
     * numbers ({@link #wordsByRank()}), which is all the later passes ask of them.
     */
    static SortedCounts afterReading(Vocabulary vocabulary, int order, int[] wordOfRank) {
        SortedRecords[] none = new SortedRecords[order + 1];
        return new SortedCounts(vocabulary, order, none, wordOfRank.clone());
    }

    /** The vocabulary id of every word number, index 0 unused: what a checkpoint keeps of the counts. */
    int[] wordsByRank() {
        return wordOfRank.clone();
    }

    /** The least memory counting accepts for {@code order}. */
    public static long minimumBytes(int order) {
        long least = 0;
        for (int k = 1; k <= order; k++) {
            least = Math.max(least, SortedRecords.minimumBytes(k));
        }
        return least * order;
    }

    /** The vocabulary of the counted corpus. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The highest order counted. */
    public int order() {
        return order;
    }

    /** The vocabulary id of the word numbered {@code rank} (1 for {@code <s>}, 2 for {@code </s>}, ...). */
    public int word(int rank) {
        return wordOfRank[rank];
    }

    /** One more than the highest rank: the words seen, {@code <s>} and {@code </s>} among them, plus one. */
    public int rankLimit() {
        return wordOfRank.length;
    }

    /** Runs spilled to disk so far by the orders not yet read. */
    public int spilledRuns() {
        int n = 0;
        for (int k = 1; k <= order; k++) {
            n += sorters[k] == null ? 0 : sorters[k].spilledRuns();
        }
        return n;
    }

    /**
     * The windows counted of order {@code k} with their counts, in suffix order of their word numbers: every
     * n-gram of the highest order, and below it the n-grams that start with {@code <s>} (none of order 1); read
     * once (close it when done).
     */
    public RecordSource windows(int k) {
        RecordSource s = sorters[k].sorted();
        // Read once: dropping the sorter lets its buffer go once the stream is closed, so later passes have the memory.
        sorters[k] = null;
        return s;
    }
}
