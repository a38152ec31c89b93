package io.lmkit.ngram;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/**
 * The state of an {@link NgramModel} or a {@link CountModel}: the n-grams ending at the last word
 * that the model has, as their table slots ({@code slots[k]} is the (k+1)-gram, {@code slots[0]}
 * the word id), at most order−1 of them, and how many tokens of history (at most order−1,
 * {@code <s>} included) lie behind it. A history longer than the slots means the longer context
 * was never seen.
 */
public final class NgramState implements ModelState {

    final int[] slots;
    final int history;

    NgramState(int[] slots, int history) {
        this.slots = slots;
        this.history = history;
    }

    /** The number of context words the model matched: the length of the longest known context. */
    public int contextLength() {
        return slots.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramState s && history == s.history && Arrays.equals(slots, s.slots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots) * 31 + history;
    }

    @Override
    public String toString() {
        return "NgramState" + Arrays.toString(slots) + (history > slots.length ? "+" + (history - slots.length) : "");
    }
}
