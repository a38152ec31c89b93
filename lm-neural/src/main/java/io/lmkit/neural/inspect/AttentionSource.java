package io.lmkit.neural.inspect;

/**
 * A model that predicts through attention weights and can show them for a sentence: which earlier
 * positions each position looked at, per layer and head. Implemented by the Transformer; the CLI's
 * {@code attention} command and the comparison report draw the weights as heat maps.
 */
public interface AttentionSource {

    /**
     * The attention weights of every layer and head while reading {@code words} (vocabulary ids,
     * without {@code <s>}): positions are {@code <s>, words[0], …, words[n−1]}, so there are n + 1 of
     * them, each query attending over itself and the positions before it. Sentences longer than the
     * model's context are refused, not cut.
     *
     * @throws IllegalArgumentException when {@code words} has more than {@code context() − 1} words
     */
    AttentionMaps attention(int[] words);

    /** The most positions one attention window holds (the model's context length). */
    int context();
}
