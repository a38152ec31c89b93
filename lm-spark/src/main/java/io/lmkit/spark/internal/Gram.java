package io.lmkit.spark.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An n-gram as Spark keys it: its word ids, first word first. Ordered lexicographically by id, which is the
 * order of lmkit's trie layout (an n-gram's rank in it is its trie id).
 */
public final class Gram implements Comparable<Gram>, Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] words;
    private final int hash;

    /** The n-gram of {@code words} (not copied: do not change the array afterwards). */
    public Gram(int[] words) {
        this.words = words;
        this.hash = Arrays.hashCode(words);
    }

    /** The n-gram of one word. */
    public static Gram of(int word) {
        return new Gram(new int[] {word});
    }

    /** Its order. */
    public int length() {
        return words.length;
    }

    /** Its i-th word (0: the first). */
    public int word(int i) {
        return words[i];
    }

    /** Its last word. */
    public int last() {
        return words[words.length - 1];
    }

    /** Its first k−1 words: its context. */
    public Gram prefix() {
        return new Gram(Arrays.copyOf(words, words.length - 1));
    }

    /** Its last k−1 words: the n-gram one order down that it backs off to. */
    public Gram suffix() {
        return new Gram(Arrays.copyOfRange(words, 1, words.length));
    }

    /** A copy of its word ids. */
    public int[] words() {
        return words.clone();
    }

    @Override
    public int compareTo(Gram o) {
        return Arrays.compare(words, o.words);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gram g && hash == g.hash && Arrays.equals(words, g.words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(words);
    }
}
