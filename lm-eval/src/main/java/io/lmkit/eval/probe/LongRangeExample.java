package io.lmkit.eval.probe;

/**
 * One test sentence of the long-range probe: a key, {@code distance − 1} fillers and the value
 * the key determines, which is the word to predict.
 *
 * @param distance how many positions the key precedes the value
 * @param words    the sentence's word ids; the first is the key, the last the value (the target)
 */
public record LongRangeExample(int distance, int[] words) {

    /** Checks the shape: {@code distance + 1} words. */
    public LongRangeExample {
        words = words.clone();
        if (distance < 1 || words.length != distance + 1) {
            throw new IllegalArgumentException("an example of distance " + distance + " has " + (distance + 1)
                    + " words, got " + words.length);
        }
    }

    /** The id of the key, the first word. */
    public int key() {
        return words[0];
    }

    /** The id of the word to predict, the last word. */
    public int target() {
        return words[words.length - 1];
    }

    /** The words before the target: the context the model predicts it from. */
    public int[] context() {
        return java.util.Arrays.copyOf(words, words.length - 1);
    }

    @Override
    public int[] words() {
        return words.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongRangeExample e && e.distance == distance && java.util.Arrays.equals(e.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * distance + java.util.Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "LongRangeExample[distance=" + distance + ", words=" + java.util.Arrays.toString(words) + "]";
    }
}
