package io.lmkit.neural.output;

import io.lmkit.core.vocab.Vocabulary;

/**
 * The output classes of a neural language model are the predicted symbols: every vocabulary id
 * except {@code <s>}, which is never predicted and so gets probability exactly 0.
 */
public final class OutputClasses {

    private OutputClasses() {
    }

    /** How many classes a vocabulary has: its predicted symbols. */
    public static int count(Vocabulary v) {
        return v.predictedCount();
    }

    /**
     * The class of word {@code id}.
     *
     * @throws IllegalArgumentException for {@code <s>} or an id outside the vocabulary
     */
    public static int of(Vocabulary v, int id) {
        if (id == v.bos()) {
            throw new IllegalArgumentException("<s> is context only and is never predicted");
        }
        if (id < 0 || id >= v.size()) {
            throw new IllegalArgumentException("word id " + id + " is outside the vocabulary of " + v.size() + " ids");
        }
        return id < v.bos() ? id : id - 1;
    }

    /** The word id of class {@code cls}. */
    public static int id(Vocabulary v, int cls) {
        return cls < v.bos() ? cls : cls + 1;
    }
}
