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
}
