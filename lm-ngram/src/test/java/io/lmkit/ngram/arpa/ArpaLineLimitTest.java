package io.lmkit.ngram.arpa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.ngram.NgramModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARPA lines are read with a limit of {@link ArpaReader#MAX_LINE_CHARS} characters, so that input
 * without newlines ({@code /dev/zero}, a gzip of one huge line) fails at line 1 instead of filling
 * the heap (docs/RELIABILITY.md).
 */
class ArpaLineLimitTest {

    private static final String TINY = "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<unk>\n-99\t<s>\n-0.5\t</s>\n\n\\end\\\n";

    @TempDir
    Path dir;

    @Test
    void theLimitIsOneMebiCharacter() {
        assertEquals(1 << 20, ArpaReader.MAX_LINE_CHARS);
    }

    @Test
    void aCommentLineOfExactlyTheLimitIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.arpa"), "x".repeat(ArpaReader.MAX_LINE_CHARS) + "\n" + TINY);
        NgramModel model = ArpaReader.read(file);
        assertEquals(1, model.order());
    }

    @Test
    void aLineOneCharacterOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("long.arpa"), TINY.replace("-1\t<unk>",
                "-1\t" + "w".repeat(ArpaReader.MAX_LINE_CHARS)));
        String m = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(file)).getMessage();
        assertEquals(file + ":5: the line is longer than 1048576 characters, the longest line lmkit reads; this is"
                + " not an ARPA file (or it is binary or corrupt)", m);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void devZeroIsRefusedAtItsFirstLine() {
        String m = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(Path.of("/dev/zero"))).getMessage();
        assertEquals("/dev/zero:1: the line is longer than 1048576 characters, the longest line lmkit reads; this is"
                + " not an ARPA file (or it is binary or corrupt)", m);
    }

    @Test
    void aGzipOfOneHugeLineIsRefusedAfterTheLimit() throws IOException {
        // 64 concatenated gzip members of 1 MiB of 'a' each: one 64 MiB line in about 64 KB.
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
            gz.write("a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII));
        }
        Path file = dir.resolve("line.arpa.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 64; i++) {
                member.writeTo(out);
            }
        }
        String m = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(file)).getMessage();
        assertEquals(file + ":1: the line is longer than 1048576 characters, the longest line lmkit reads; this is"
                + " not an ARPA file (or it is binary or corrupt)", m);
    }

    @Test
    void linesEndWithNewlineOrCarriageReturnNewlineAndTheLastNeedsNoNewline() throws IOException {
        LineReader r = new LineReader(new StringReader("a b\r\n\nc\r\nlast"), 4);
        String[] lines = {r.readLine(), r.readLine(), r.readLine(), r.readLine()};
        assertArrayEquals(new String[] {"a b", "", "c", "last"}, lines);
        assertNull(r.readLine());
        assertThrows(LineReader.LineTooLongException.class, () -> new LineReader(new StringReader("12345\n"), 4)
                .readLine());
    }
}
