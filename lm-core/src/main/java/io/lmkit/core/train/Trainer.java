package io.lmkit.core.train;

import io.lmkit.core.model.LanguageModel;

/**
 * Trains a language model of one family from data and a validated config.
 *
 * <p>Training is reproducible: the same data, config and seed give the same model. A trainer
 * holds no state between calls, so one instance can train many models, also concurrently.
 *
 * @param <C> the model's config record, validated in its constructor
 */
@FunctionalInterface
public interface Trainer<C extends Record> {

    /**
     * Trains a model.
     *
     * @param data     the training corpus and optional validation corpus
     * @param config   hyper-parameters, already validated
     * @param seed     the seed of every random choice training makes
     * @param listener receives progress events
     */
    LanguageModel train(TrainingData data, C config, long seed, TrainingListener listener);
}
