package io.lmkit.core;

import java.util.Locale;

/**
 * The check made before a large allocation (n-gram tables, embedding and softmax weights): the
 * estimated bytes are compared with what the Java heap can still give, and a request that cannot
 * fit is refused with a message saying what was needed, what is available and what to change,
 * instead of the JVM dying later with an {@link OutOfMemoryError}.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /** Bytes the heap can still give: the maximum heap size less what is in use now. */
    public static long availableBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses an allocation of {@code neededBytes} that the heap cannot hold.
     *
     * @param neededBytes the estimated size; {@link Long#MAX_VALUE} stands for "more than a long counts"
     * @param what        what would be allocated, e.g. "the 3-gram table of 2,000,000 n-grams"
     * @param shrink      what the user can make smaller, e.g. "a lower order or pruning"
     * @throws InsufficientMemoryException when {@code neededBytes} exceeds {@link #availableBytes()}
     */
    public static void require(long neededBytes, String what, String shrink) {
        if (neededBytes <= availableBytes()) {
            return;
        }
        // Part of what is "in use" may be garbage; collect once before refusing, unless no heap could hold it.
        if (neededBytes <= Runtime.getRuntime().maxMemory()) {
            System.gc();
        }
        long available = availableBytes();
        if (neededBytes > available) {
            long gigabytes = neededBytes / (1L << 30) * 3 / 2 + 2;
            String fix = gigabytes <= 4096
                    ? String.format(Locale.ROOT, "Give Java more memory (e.g. LMKIT_JAVA_OPTS=-Xmx%dg) or use %s",
                            gigabytes, shrink)
                    : "That is more than a machine has: use " + shrink;
            throw new InsufficientMemoryException(neededBytes, available, String.format(Locale.ROOT,
                    "not enough memory for %s: it needs about %s but the Java heap has %s free (maximum heap %s). %s",
                    what, format(neededBytes), format(available), format(Runtime.getRuntime().maxMemory()), fix));
        }
    }

    /** {@code a * b}, or {@link Long#MAX_VALUE} when the product overflows (an estimate that large is refused anyway). */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Bytes as a short human reading, e.g. {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A refused allocation: the message says what was needed, what is available and what to change. */
    public static final class InsufficientMemoryException extends LmkitException {

        private final long neededBytes;
        private final long availableBytes;

        /** Creates the refusal; {@code message} says what was needed, what is available and what to change. */
        public InsufficientMemoryException(long neededBytes, long availableBytes, String message) {
            super(message);
            this.neededBytes = neededBytes;
            this.availableBytes = availableBytes;
        }

        /** The estimated size of the refused allocation, in bytes. */
        public long neededBytes() {
            return neededBytes;
        }

        /** The free heap when it was refused, in bytes. */
        public long availableBytes() {
            return availableBytes;
        }
    }
}
