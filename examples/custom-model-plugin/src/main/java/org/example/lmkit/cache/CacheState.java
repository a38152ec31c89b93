package org.example.lmkit.cache;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/**
 * The state of a {@link CacheUnigramModel}: the most recent words of the current sentence, oldest first,
 * at most the model's window. Immutable; two states with the same words are equal.
 */
final class CacheState implements ModelState {

    /** The state at a sentence start: nothing cached. */
    static final CacheState EMPTY = new CacheState(new int[0]);

    private final int[] words;

    private CacheState(int[] words) {
        this.words = words;
    }

    /** How many words are cached. */
    int size() {
        return words.length;
    }

    /** How often {@code word} occurs in the cache. */
    int count(int word) {
        int c = 0;
        for (int w : words) {
            if (w == word) {
                c++;
            }
        }
        return c;
    }

    /** The cached words, oldest first (a copy). */
    int[] words() {
        return words.clone();
    }

    /** The state after {@code word}: the word appended, the oldest dropped when more than {@code window}. */
    CacheState push(int word, int window) {
        int keep = Math.min(words.length, window - 1);
        int[] next = new int[keep + 1];
        System.arraycopy(words, words.length - keep, next, 0, keep);
        next[keep] = word;
        return new CacheState(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheState other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "cache" + Arrays.toString(words);
    }
}
