package io.lmkit.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapped region read through several buffers reads as one: the mapping of tables beyond 2 GiB, tried
 * here with buffers of 16 bytes over a small file so that reads cross every kind of boundary. A region of one
 * buffer, read directly from its address where the JDK allows it, reads the same values with the same
 * bounds as its heap copy.
 */
class MappedDataTest {

    @TempDir
    Path dir;

    @Test
    void readsAcrossBufferBoundariesEqualOneBuffer() throws Exception {
        ByteBuffer content = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1000; i++) {
            content.put(i, (byte) (i * 37 + 11));
        }
        Path file = Files.write(dir.resolve("data.bin"), content.array());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedData small = MappedData.map(channel, 100, 800, 4); // 50 buffers of 16 bytes
            MappedData whole = MappedData.of(content.slice(100, 800));
            assertEquals(800, small.size());
            for (long at = 0; at + 8 <= 800; at++) {
                assertEquals(whole.getLong(at), small.getLong(at), "long at " + at);
                assertEquals(whole.getInt(at), small.getInt(at), "int at " + at);
                assertEquals(Double.doubleToRawLongBits(whole.getDouble(at)),
                        Double.doubleToRawLongBits(small.getDouble(at)), "double at " + at);
            }
            assertEquals(content.getLong(100 + 792), small.getLong(792), "the last long");
            MappedData slice = small.slice(250, 100);
            assertEquals(content.getLong(350 + 13), slice.getLong(13));
            assertThrows(IndexOutOfBoundsException.class, () -> small.getLong(793), "a read past the end");
            assertThrows(IndexOutOfBoundsException.class, () -> slice.getInt(97), "a read past a slice");
            assertThrows(IndexOutOfBoundsException.class, () -> small.get(-1));
        }
    }

    @Test
    void aRegionOfOneBufferReadDirectlyEqualsItsHeapCopy() throws Exception {
        ByteBuffer content = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1000; i++) {
            content.put(i, (byte) (i * 53 + 7));
        }
        Path file = Files.write(dir.resolve("one.bin"), content.array());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // An offset that is not a page boundary: the buffer's address is the mapping's plus 100.
            MappedData mapped = MappedData.map(channel, 100, 800);
            MappedData heap = MappedData.of(content.slice(100, 800));
            for (long at = 0; at + 8 <= 800; at++) {
                assertEquals(heap.getLong(at), mapped.getLong(at), "long at " + at);
                assertEquals(heap.getInt(at), mapped.getInt(at), "int at " + at);
                assertEquals(heap.get(at), mapped.get(at), "byte at " + at);
                assertEquals(Float.floatToRawIntBits(heap.getFloat(at)),
                        Float.floatToRawIntBits(mapped.getFloat(at)), "float at " + at);
            }
            MappedData slice = mapped.slice(300, 64);
            assertEquals(content.getLong(400 + 56), slice.getLong(56), "the last long of a slice");
            assertThrows(IndexOutOfBoundsException.class, () -> mapped.getLong(793), "a read past the end");
            assertThrows(IndexOutOfBoundsException.class, () -> mapped.getInt(-4), "a read before the start");
            assertThrows(IndexOutOfBoundsException.class, () -> slice.getInt(61), "a read past a slice");
            assertThrows(IndexOutOfBoundsException.class, () -> slice.get(64), "a byte past a slice");
        }
    }

    @Test
    void mappedBuffersAreReadDirectlyOnTheJdksThatAllowIt() throws Exception {
        assumeTrue(Runtime.version().feature() <= 22 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "direct reads are used on little-endian JDKs 17 to 22 only; this is JDK " + Runtime.version());
        Path file = Files.write(dir.resolve("direct.bin"), new byte[64]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
            assertNotEquals(0L, DirectReads.addressOf(mapped), "a mapped little-endian buffer has an address");
            assertEquals(0L, DirectReads.addressOf(ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN)),
                    "a heap buffer is read through the ByteBuffer");
            assertEquals(0L, DirectReads.addressOf(mapped.duplicate().order(ByteOrder.BIG_ENDIAN)),
                    "a big-endian view is read through the ByteBuffer");
        }
    }

    @Test
    void writingOutGivesTheRegionsBytesThroughTheFileOrTheBuffersOnceTheChannelIsClosed() throws Exception {
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 29 + 3);
        }
        Path file = Files.write(dir.resolve("copy.bin"), content);
        MappedData small;
        MappedData slice;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            small = MappedData.map(channel, 100, 800, 4);
            slice = small.slice(250, 333);
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 100, 900), written(small), "through the file");
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 350, 683), written(slice), "a slice, the file");
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 100, 900), written(small), "through the buffers");
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 350, 683), written(slice), "a slice, the buffers");
        MappedData heap = MappedData.of(ByteBuffer.wrap(content, 10, 500));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 510), written(heap), "a heap copy");
    }

    private static byte[] written(MappedData data) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        data.writeTo(out);
        return out.toByteArray();
    }
}
