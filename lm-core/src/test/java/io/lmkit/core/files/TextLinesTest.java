package io.lmkit.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    void aGzipFileReadsAsTheTextItCompressesWhateverItsNameAndAcrossConcatenatedMembers() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("sentence ").append(i).append(" of the corpus\n"); // 500 kB: many of the reader's chunks
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("corpus.txt"); // compressed, though its name says text: the bytes decide
        try (var out = Files.newOutputStream(file)) {
            // Two gzip members one after the other, as cat a.gz b.gz writes them.
            out.write(gzip(Arrays.copyOfRange(bytes, 0, 1000)));
            out.write(gzip(Arrays.copyOfRange(bytes, 1000, bytes.length)));
        }
        for (InvalidUtf8 mode : InvalidUtf8.values()) {
            List<String> lines = new ArrayList<>();
            TextLines.forEach(file, "corpus file", mode, (line, no) -> {
                assertEquals(lines.size() + 1, no);
                lines.add(line);
            });
            assertEquals(20_000, lines.size());
            assertEquals("sentence 0 of the corpus", lines.get(0));
            assertEquals("sentence 19999 of the corpus", lines.get(19_999));
        }
        // Standard input compressed reads the same.
        List<String> fromStream = new ArrayList<>();
        TextLines.forEach(new java.io.ByteArrayInputStream(gzip(bytes)), "standard input", InvalidUtf8.FAIL,
                (line, no) -> fromStream.add(line));
        assertEquals(20_000, fromStream.size());
    }

    @Test
    void aTruncatedOrDamagedGzipFileIsNamedWithTheCheckNotReadAsText() throws IOException {
        byte[] whole = gzip("the cat sat on the mat\n".repeat(5000).getBytes(StandardCharsets.UTF_8));
        Path cut = dir.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        String m = assertThrows(LmkitException.class, () -> TextLines.forEach(cut, "corpus file", InvalidUtf8.REPLACE,
                (line, no) -> { })).getMessage();
        assertTrue(m.startsWith("cannot read corpus file " + cut + " at line ") && m.contains(cut
                + " is gzip-compressed but its compressed data is corrupt or truncated") && m.contains("gzip -t " + cut), m);

        Path header = dir.resolve("header.gz");
        Files.write(header, new byte[] {0x1f, (byte) 0x8b, 9, 9, 9});
        m = assertThrows(LmkitException.class, () -> TextLines.forEach(header, "corpus file", InvalidUtf8.FAIL,
                (line, no) -> { })).getMessage();
        assertTrue(m.contains(header + " is gzip-compressed but its compressed data is corrupt or truncated"), m);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }
}
