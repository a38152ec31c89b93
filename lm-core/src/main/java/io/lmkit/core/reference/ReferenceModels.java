package io.lmkit.core.reference;

import io.lmkit.core.vocab.Vocabulary;

/** Checks shared by the reference models. */
final class ReferenceModels {

    private ReferenceModels() {
    }

    static void checkPredictable(Vocabulary vocabulary, int word) {
        if (word < 0 || word >= vocabulary.size()) {
            throw new IllegalArgumentException("word id " + word + " is outside the vocabulary of "
                    + vocabulary.size() + " ids");
        }
        if (word == vocabulary.bos()) {
            throw new IllegalArgumentException("<s> is context only and is never predicted");
        }
    }
}
