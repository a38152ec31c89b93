package io.lmkit.ngram.spill;

/**
 * Copies the few words of one record between int arrays. The estimation copies every n-gram several times (into
 * a sort buffer, out of it in order, between threads, into a merge's output), each time 3 to 13 words; through
 * {@code System.arraycopy}, whose length is not a constant there, each was a call to the JIT's copy routine, and
 * those calls were a tenth of the 100 M-word estimation's CPU samples (BENCHMARKS.md, "Corpus scale",
 * {@code m30/prof1.txt}). A loop of that length compiles inline; what remains of its cost is mostly the cache
 * misses of the records it reads.
 */
public final class RecordCopy {

    private RecordCopy() {
    }

    /** Copies {@code length} words from {@code from[fromAt..]} to {@code to[toAt..]} (the ranges must not overlap). */
    public static void copy(int[] from, int fromAt, int[] to, int toAt, int length) {
        for (int i = 0; i < length; i++) {
            to[toAt + i] = from[fromAt + i];
        }
    }
}
