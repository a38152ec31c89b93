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
        int expected = (int) Math.min(Integer.MAX_VALUE / 4, corpus.tokenCount());
        c.occurrences[1] = new long[v.size()];
        c.continuations[1] = new int[v.size()];
        for (int k = 2; k <= order; k++) {
            c.maps[k] = new LongIdMap(Math.min(expected, 1 << 16));
            c.suffix[k] = new int[1 << 12];
            c.occurrences[k] = new long[1 << 12];
            c.continuations[k] = new int[1 << 12];
        }
        int nextRank = 3;
        int[] previous = new int[order + 1];
        int[] current = new int[order + 1];
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            int start = corpus.sentenceStart(s);
            if ((s & 1023) == 0 && s > 0) {
                tokensDone.accept((long) start + s);
            }
            int length = corpus.sentenceLength(s);
            previous[1] = v.bos();
            int previousLength = 1;
            for (int i = 0; i <= length; i++) {
                int word = i < length ? corpus.wordAt(start + i) : v.eos();
                current[1] = word;
                c.occurrences[1][word]++;
                if (c.firstAppearance[word] < 0) {
                    c.firstAppearance[word] = nextRank++;
                }
                int longest = Math.min(previousLength + 1, order);
                for (int k = 2; k <= longest; k++) {
                    current[k] = c.add(k, previous[k - 1], word, current[k - 1]);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
                previousLength = longest;
            }
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

    /** Heap bytes counting needs per distinct n-gram: hash slots at half load, key, suffix and two counts. */
    static final int BYTES_PER_NGRAM = 48;

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

    /** Counts one occurrence of the k-gram (prefix, word) whose suffix is {@code suffixId}; returns its id. */
    private int add(int k, int prefixId, int word, int suffixId) {
        LongIdMap map = maps[k];
        int before = map.size();
        int id = map.getOrAdd(((long) prefixId << 32) | word);
        if (map.size() > before) {
            if (id == suffix[k].length) {
                int grown = suffix[k].length * 2;
                suffix[k] = Arrays.copyOf(suffix[k], grown);
                occurrences[k] = Arrays.copyOf(occurrences[k], grown);
                continuations[k] = Arrays.copyOf(continuations[k], grown);
            }
            suffix[k][id] = suffixId;
            continuations[k - 1][suffixId]++;
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
