package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Running out of heap says how large the heap was and suggests a larger one, never the size that just failed. */
class OutOfMemoryMessageTest {

    @Test
    void aSmallHeapIsToldFourGigabytes() {
        String m = Main.outOfMemoryMessage(512L << 20);
        assertTrue(m.startsWith("lmkit: out of memory: the Java heap (at most 512 MB) is too small"), m);
        assertTrue(m.contains("LMKIT_JAVA_OPTS=-Xmx4g (or more)"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void aHeapOfFourGigabytesOrMoreIsToldHalfAsMuchAgain() {
        // The 100 M-word estimation with memory=4g ran out in a heap of 4,293 MB; 4g would not have helped.
        String m = Main.outOfMemoryMessage(4293L << 20);
        assertTrue(m.contains("(at most 4293 MB)"), m);
        assertTrue(m.contains("LMKIT_JAVA_OPTS=-Xmx7g (or more)"), m);
        assertTrue(m.endsWith("a bounded-memory estimation (memory=) needs a heap of memory=, an eighth more and"
                + " 256 MB, which the lmkit command gives it where the machine has it, unless LMKIT_JAVA_OPTS sizes it"), m);
        assertEquals(-1, Main.outOfMemoryMessage(8L << 30).indexOf("-Xmx4g"));
        assertTrue(Main.outOfMemoryMessage(8L << 30).contains("-Xmx12g"));
    }
}
