package io.lmkit.ngram.spill;

/**
 * How records of n words sort. {@link #SUFFIX}: by the last word, then the one before, back to the
 * first (lmplz's suffix order, which puts every n-gram with the same last k words together and
 * lists those groups in the suffix order of the k-grams).
 */
public enum RecordOrder {
    /** From the last word back to the first. */
    SUFFIX {
        @Override
        public int compare(int[] a, int aFrom, int[] b, int bFrom, int width) {
            for (int i = width - 1; i >= 0; i--) {
                int c = Integer.compare(a[aFrom + i], b[bFrom + i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    },
    /** From the first word to the last. */
    CONTEXT {
        @Override
        public int compare(int[] a, int aFrom, int[] b, int bFrom, int width) {
            for (int i = 0; i < width; i++) {
                int c = Integer.compare(a[aFrom + i], b[bFrom + i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    };

    /** Compares the {@code width} words at {@code a[aFrom..]} with those at {@code b[bFrom..]}. */
    public abstract int compare(int[] a, int aFrom, int[] b, int bFrom, int width);
}
