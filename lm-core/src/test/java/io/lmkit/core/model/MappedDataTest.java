package io.lmkit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * here with buffers of 16 bytes over a small file so that reads cross every kind of boundary.
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
}
