package io.lmkit.core.model;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Plain loads from a mapped buffer's memory, for {@link MappedData}'s hot path: an n-gram lookup reads a few
 * ints from the mapped tables for every word scored, and {@link ByteBuffer#getInt(int)} costs a chain of calls
 * (index check, memory-session check, byte order) that the client compiler, which short n-gram runs use, does
 * not inline away: reading through this class, {@code lmkit eval} of Brown's test split ×12 took 0.50 s instead
 * of 0.59 s on the 2-core machine, whole process (BENCHMARKS.md, "Scoring with direct reads").
 *
 * <p>It uses {@code sun.misc.Unsafe} (module jdk.unsupported, resolved by default on the class path) and is
 * used only where that is quiet and exact: JDK 17 to 22 (JDK 23 deprecated these methods for removal and later
 * JDKs warn when they are first called, so there the buffers are read as before), a little-endian machine
 * (the tables' byte order), and a direct buffer whose address could be read. {@link #addressOf} returns 0
 * otherwise, and the caller keeps its {@link ByteBuffer} path. {@code -Dlmkit.noDirectReads=true} turns it off
 * (for a paired measurement of the two paths).
 *
 * <p>Safety rests on the caller: it checks every position against the buffer's size before a read, and keeps
 * the buffer reachable (a field) for as long as it reads from the address, so the mapping is never released
 * under a read.
 */
final class DirectReads {

    private static final sun.misc.Unsafe UNSAFE;
    private static final long ADDRESS_OFFSET;

    static {
        sun.misc.Unsafe unsafe = null;
        long offset = -1;
        if (Runtime.version().feature() <= 22 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && !Boolean.getBoolean("lmkit.noDirectReads")) {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = (sun.misc.Unsafe) f.get(null);
                offset = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // A JDK without these internals: the ByteBuffer path serves every read.
                unsafe = null;
                offset = -1;
            }
        }
        UNSAFE = unsafe;
        ADDRESS_OFFSET = offset;
    }

    private DirectReads() {
    }

    /** The address of {@code buffer}'s first byte (its position 0) when it can be read directly, else 0. */
    static long addressOf(ByteBuffer buffer) {
        if (UNSAFE == null || !buffer.isDirect() || buffer.order() != ByteOrder.LITTLE_ENDIAN) {
            return 0;
        }
        return UNSAFE.getLong(buffer, ADDRESS_OFFSET);
    }

    /** The little-endian int at {@code address}, which {@link #addressOf} gave (plus a checked offset). */
    static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    /** The little-endian long at {@code address}, which {@link #addressOf} gave (plus a checked offset). */
    static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    /** The byte at {@code address}, which {@link #addressOf} gave (plus a checked offset). */
    static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }
}
