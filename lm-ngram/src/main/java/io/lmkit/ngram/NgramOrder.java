package io.lmkit.ngram;

/** The orders lmkit's n-gram models support. */
public final class NgramOrder {

    /** The highest supported order. */
    public static final int MAX = 9;

    private NgramOrder() {
    }

    /** Checks that {@code order} is within 1..{@value #MAX}. */
    public static int check(int order) {
        if (order < 1 || order > MAX) {
            throw new IllegalArgumentException("order must be between 1 and " + MAX + ", got " + order);
        }
        return order;
    }
}
