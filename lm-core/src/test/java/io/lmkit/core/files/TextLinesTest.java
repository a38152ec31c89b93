package io.lmkit.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line limit of {@link TextLines}: a longer line is refused naming the file, line, offset and limit. */
class TextLinesTest {

    @TempDir
    Path dir;

    @Test
    void aLineOverTheLineLimitIsRefusedWithTheFileLineOffsetAndLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("long.txt"), "a b\nabcdefghijk\nc\n");
        List<String> seen = new ArrayList<>();
        String m = assertThrows(LmkitException.class, () -> TextLines.forEach(file, "corpus file",
                InvalidUtf8.FAIL, (line, no) -> seen.add(line), 10)).getMessage();
        assertEquals(file + ":2: the line starting at byte offset 4 is longer than 10 bytes (10 bytes), the longest"
                + " line lmkit reads; give one sentence a line (is this a text file?)", m);
        assertEquals(List.of("a b"), seen, "lines before the long one are read");
        List<String> fits = new ArrayList<>();
        TextLines.forEach(file, "corpus file", InvalidUtf8.FAIL, (line, no) -> fits.add(line), 11);
        assertEquals(List.of("a b", "abcdefghijk", "c"), fits, "a line of exactly the limit is read");
    }

    @Test
    void theDefaultLineLimitIsSixtyFourMebibytesAndTheErrorSaysSo() {
        assertEquals(64 << 20, TextLines.MAX_LINE_BYTES);
        String m = TextLines.lineTooLong(Path.of("c.txt"), 3, 100, TextLines.MAX_LINE_BYTES).getMessage();
        assertTrue(m.startsWith("c.txt:3: the line starting at byte offset 100 is longer than 67108864 bytes (64.0 MiB)"),
                m);
    }

    @Test
    void aGzipFileIsNamedAsCompressedNotAsInvalidUtf8() throws IOException {
        Path file = dir.resolve("corpus.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("the cat sat\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (InvalidUtf8 mode : InvalidUtf8.values()) {
            String m = assertThrows(LmkitException.class, () -> TextLines.forEach(file, "corpus file", mode,
                    (line, no) -> { })).getMessage();
            assertEquals(file + " is gzip-compressed (it starts with gzip's magic bytes 1f 8b); this reads plain"
                    + " UTF-8 text: decompress it first, e.g. gunzip -k " + file, m);
        }
    }
}
