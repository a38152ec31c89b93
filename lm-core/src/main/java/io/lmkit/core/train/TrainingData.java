package io.lmkit.core.train;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trainer learns from: the training corpus and, optionally, a validation corpus for early
 * stopping and tuning; both encoded with the same vocabulary.
 */
public record TrainingData(Corpus train, Optional<Corpus> valid) {

    /** Checks that the corpora share one vocabulary and that train is not empty. */
    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        train.requireNonEmpty("the training corpus");
        valid.ifPresent(v -> {
            if (!v.vocabulary().equals(train.vocabulary())) {
                throw new LmkitException("the validation corpus was encoded with another vocabulary than the"
                        + " training corpus; encode both with the same vocabulary");
            }
        });
    }

    /** Training data without a validation corpus. */
    public static TrainingData of(Corpus train) {
        return new TrainingData(train, Optional.empty());
    }

    /** The vocabulary of both corpora. */
    public Vocabulary vocabulary() {
        return train.vocabulary();
    }
}
