package io.lmkit.neural.inspect;

/**
 * The attention weights of a model over one sentence: {@code weights[layer][head][query][key]} is the
 * weight query position {@code query} gives key position {@code key}. Each row sums to 1 over
 * {@code key ≤ query} and is 0 beyond it (the causal mask).
 *
 * @param weights [layers][heads][positions][positions]
 */
public record AttentionMaps(double[][][][] weights) {

    /** Checks the shape: at least one layer and head, square position matrices of one size. */
    public AttentionMaps {
        if (weights.length == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("attention maps need at least one layer and one head");
        }
        int n = weights[0][0].length;
        for (double[][][] layer : weights) {
            if (layer.length != weights[0].length) {
                throw new IllegalArgumentException("every layer must have " + weights[0].length + " heads");
            }
            for (double[][] head : layer) {
                if (head.length != n) {
                    throw new IllegalArgumentException("every head must have " + n + " query positions");
                }
                for (double[] row : head) {
                    if (row.length != n) {
                        throw new IllegalArgumentException("every query row must have " + n + " key positions");
                    }
                }
            }
        }
    }

    /** The number of layers. */
    public int layers() {
        return weights.length;
    }

    /** The number of heads in each layer. */
    public int heads() {
        return weights[0].length;
    }

    /** The number of positions ({@code <s>} and the sentence's words). */
    public int positions() {
        return weights[0][0].length;
    }

    /** The weight query position {@code query} gives key position {@code key} in one layer's head. */
    public double weight(int layer, int head, int query, int key) {
        return weights[layer][head][query][key];
    }
}
