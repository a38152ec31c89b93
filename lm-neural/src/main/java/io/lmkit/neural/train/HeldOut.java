package io.lmkit.neural.train;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingData;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The corpora a neural model trains and validates on. Validation drives early stopping, the
 * learning-rate schedule and which parameters are kept, so without a validation corpus the last
 * {@link #HELD_OUT_PERCENT}% of the training sentences are held out for it and not trained on:
 * validating on sentences the model has trained on would reward memorising them.
 *
 * @param train the sentences to train on
 * @param valid the sentences to validate on, disjoint from {@code train} when held out
 */
public record HeldOut(Corpus train, Corpus valid) {

    /** The share of the training sentences held out, in percent, when no validation corpus is given. */
    public static final int HELD_OUT_PERCENT = 5;
    /** The share trained on when sentences are held out (written out, not computed, so the cut never moves). */
    private static final double TRAINED_SHARE = 0.95;

    private static final Logger LOG = LogManager.getLogger(HeldOut.class);

    /**
     * The given validation corpus, or else the last {@link #HELD_OUT_PERCENT}% of the training
     * sentences (at least one). A corpus of one sentence cannot be split: it is both trained and
     * validated on.
     */
    public static HeldOut of(TrainingData data) {
        Corpus train = data.train();
        if (data.valid().isPresent()) {
            return new HeldOut(train, data.valid().get());
        }
        int n = train.sentenceCount();
        if (n < 2) {
            LOG.warn("no validation corpus given and only one training sentence: validating on it");
            return new HeldOut(train, train);
        }
        int cut = Math.max(1, (int) (n * TRAINED_SHARE));
        LOG.warn("no validation corpus given: holding out the last {} training sentences for validation", n - cut);
        return new HeldOut(train.slice(0, cut), train.slice(cut, n));
    }
}
