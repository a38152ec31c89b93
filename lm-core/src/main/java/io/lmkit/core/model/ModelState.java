package io.lmkit.core.model;

/**
 * What a {@link LanguageModel} remembers of the text so far: for an n-gram model the last n−1
 * word ids, for a fixed-window model the window, for a recurrent model the hidden vectors.
 *
 * <p>States are immutable values owned by the model that made them; pass them back only to that
 * model. Two states of the same model that are {@code equals} predict the same distribution.
 */
public interface ModelState {
}
