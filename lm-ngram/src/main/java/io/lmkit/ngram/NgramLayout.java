package io.lmkit.ngram;

/**
 * How an n-gram model's tables of orders 2 and up are stored, in memory and in its file.
 *
 * <ul>
 * <li>{@code probing}: one open-addressing hash table per order (the layout of estimation; a lookup is
 * one hash probe). 20 bytes a slot below the highest order, 12 at it, at 83% load.</li>
 * <li>{@code trie}: the n-grams of each order sorted under their context, bit-packed (word ids in just
 * enough bits, each value as a code for its sign and exponent plus the mantissa bits its column needs,
 * pointers to the next order's ranges); a lookup is a binary search in the context's range.
 * Scores equal the probing layout's bit for bit.</li>
 * <li>{@code trie} with quantisation: probabilities and/or backoffs stored as indices of
 * {@code 2^bits} bin centres per order; smaller, and lossy. Backoffs can also be kept as float32
 * ({@code quantizeBackoff} 32, KenLM's precision): next-word distributions then sum to 1 only to
 * about 10^-8, where the 30 mantissa bits the estimators keep give 2·10^-10.</li>
 * </ul>
 *
 * @param name             {@code probing} or {@code trie}
 * @param quantizeProb     bits of a quantised probability (1..16), 0 for exact float32 (trie only)
 * @param quantizeBackoff  bits of a quantised backoff (1..16), 32 for float32, 0 for exact (trie only)
 */
public record NgramLayout(String name, int quantizeProb, int quantizeBackoff) {

    /** {@code quantizeBackoff} for backoffs rounded to float32 rather than binned. */
    public static final int FLOAT32 = 32;
    /** The probing hash tables. */
    public static final NgramLayout PROBING = new NgramLayout("probing", 0, 0);
    /** The sorted trie without quantisation: the same scores as probing, in less space. */
    public static final NgramLayout TRIE = new NgramLayout("trie", 0, 0);

    /** Validates the name and the bits. */
    public NgramLayout {
        if (!name.equals("probing") && !name.equals("trie")) {
            throw new IllegalArgumentException("layout must be probing or trie, got '" + name + "'");
        }
        if (quantizeProb < 0 || quantizeProb > 16 || quantizeBackoff < 0 || quantizeBackoff > 16
                && quantizeBackoff != FLOAT32) {
            throw new IllegalArgumentException("quantisation takes 1 to 16 bits (0 for none; 32 for float32"
                    + " backoffs), got " + quantizeProb + " for probabilities and " + quantizeBackoff + " for backoffs");
        }
        if (name.equals("probing") && (quantizeProb > 0 || quantizeBackoff > 0)) {
            throw new IllegalArgumentException("quantisation needs the trie layout (--layout trie)");
        }
    }

    /** The layout called {@code name} without quantisation. */
    public static NgramLayout named(String name) {
        return new NgramLayout(name, 0, 0);
    }

    /** Whether probabilities or backoffs are quantised. */
    public boolean quantized() {
        return quantizeProb > 0 || quantizeBackoff > 0;
    }

    @Override
    public String toString() {
        return quantized() ? name + " (probabilities " + (quantizeProb > 0 ? quantizeProb + " bits" : "exact")
                + ", backoffs " + (quantizeBackoff == FLOAT32 ? "float32" : quantizeBackoff > 0 ? quantizeBackoff + " bits"
                : "exact") + ")" : name;
    }
}
