package io.lmkit.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The check before large allocations: refuse with needed, available and the fix; never allocate to find out. */
class MemoryBudgetTest {

    @Test
    void aSmallRequestPasses() {
        assertDoesNotThrow(() -> MemoryBudget.require(1 << 20, "a small table", "less"));
    }

    @Test
    void aRequestBeyondTheHeapIsRefusedWithNeededAvailableAndTheFix() {
        long needed = Runtime.getRuntime().maxMemory() * 2;
        MemoryBudget.InsufficientMemoryException e = assertThrows(MemoryBudget.InsufficientMemoryException.class,
                () -> MemoryBudget.require(needed, "the 5-gram table", "a lower order or pruning"));
        assertEquals(needed, e.neededBytes());
        assertTrue(e.availableBytes() < needed);
        assertTrue(e.getMessage().startsWith("not enough memory for the 5-gram table: it needs about "
                + MemoryBudget.format(needed) + " but the Java heap has "), e.getMessage());
        assertTrue(e.getMessage().contains("LMKIT_JAVA_OPTS=-Xmx") && e.getMessage().endsWith(
                "or use a lower order or pruning"), e.getMessage());
    }

    @Test
    void anAbsurdRequestSaysNoMachineHasThatMuch() {
        LmkitException e = assertThrows(LmkitException.class,
                () -> MemoryBudget.require(Long.MAX_VALUE, "everything", "a smaller vocabulary"));
        assertTrue(e.getMessage().contains("more than 8 EiB") && e.getMessage().endsWith(
                "That is more than a machine has: use a smaller vocabulary"), e.getMessage());
    }

    @Test
    void arithmeticSaturatesInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, MemoryBudget.times(1L << 40, 1L << 30));
        assertEquals(Long.MAX_VALUE, MemoryBudget.plus(Long.MAX_VALUE - 1, 5));
        assertEquals(6, MemoryBudget.times(2, 3));
        assertEquals("1.5 GiB", MemoryBudget.format(3L << 29));
    }
}
