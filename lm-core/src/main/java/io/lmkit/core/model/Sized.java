package io.lmkit.core.model;

/**
 * A model that can say how big it is, in its own unit: stored n-grams for count-based models,
 * trainable parameters for neural ones. Comparisons report it beside perplexity.
 */
public interface Sized {

    /** How many units the model holds. */
    long sizeCount();

    /** The unit of {@link #sizeCount()}, e.g. {@code "n-grams"} or {@code "parameters"}. */
    String sizeUnit();
}
