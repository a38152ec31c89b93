package io.lmkit.neural.window;

import io.lmkit.core.vocab.Vocabulary;

/**
 * The output classes of a neural model are the predicted symbols: every vocabulary id except
 * {@code <s>}, which is never predicted and so gets exactly probability 0.
 */
final class Classes {

    private Classes() {
    }

    static int count(Vocabulary v) {
        return v.predictedCount();
    }

    static int of(Vocabulary v, int id) {
        if (id == v.bos()) {
            throw new IllegalArgumentException("<s> is context only and is never predicted");
        }
        if (id < 0 || id >= v.size()) {
            throw new IllegalArgumentException("word id " + id + " is outside the vocabulary of " + v.size() + " ids");
        }
        return id < v.bos() ? id : id - 1;
    }

    static int id(Vocabulary v, int cls) {
        return cls < v.bos() ? cls : cls + 1;
    }
}
