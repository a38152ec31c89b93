package io.lmkit.ngram;

import io.lmkit.core.model.ModelState;
import java.util.Arrays;

/**
 * The state of a {@link CountModel}, in the manner of {@link NgramState}: the n-grams ending at the
 * last word that the model counted, as their count-table slots ({@code slots[j]} is the
 * (j+1)-gram; {@code slots[0]} the word id), at most order−1 of them, and how many tokens of
 * history (at most order−1, {@code <s>} included) lie behind it. A history longer than the slots
 * means the full context was never seen.
 */
public final class CountState implements ModelState {

    final int[] slots;
    final int history;

    CountState(int[] slots, int history) {
        this.slots = slots;
        this.history = history;
    }

    /** The number of context words the model has counts for: the length of the longest seen context. */
    public int contextLength() {
        return slots.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountState s && history == s.history && Arrays.equals(slots, s.slots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots) * 31 + history;
    }

    @Override
    public String toString() {
        return "CountState" + Arrays.toString(slots) + (history > slots.length ? "+" + (history - slots.length) : "");
    }
}
