package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams the lines of a UTF-8 text file with their line numbers: strict decoding (invalid UTF-8
 * is an error naming the line and byte offset, or replaced by U+FFFD when asked), a leading byte-order mark removed, {@code \n} and
 * {@code \r\n} both accepted. Lines are decoded one at a time so that errors point at the right
 * line.
 */
final class TextLines {

    /** Receives one line and its 1-based number. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(String line, long lineNumber);
    }

    private TextLines() {
    }

    static void forEach(Path file, LineConsumer consumer) {
        forEach(file, InvalidUtf8.FAIL, consumer);
    }

    static void forEach(Path file, InvalidUtf8 invalid, LineConsumer consumer) {
        CodingErrorAction action = invalid == InvalidUtf8.REPLACE ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(action)
                .onUnmappableCharacter(action);
        long lineNo = 0;
        long lineStart = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[256];
            int length = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b != '\n') {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = b;
                        continue;
                    }
                    lineNo++;
                    emit(consumer, decoder, line, length, file, lineNo, lineStart);
                    lineStart += length + 1;
                    length = 0;
                }
            }
            if (length > 0) {
                lineNo++;
                emit(consumer, decoder, line, length, file, lineNo, lineStart);
            }
        } catch (NoSuchFileException e) {
            throw new LmkitException("corpus file " + file + " does not exist; check the path", e);
        } catch (IOException e) {
            throw new LmkitException("cannot read corpus file " + file + " at line " + (lineNo + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    private static void emit(LineConsumer consumer, CharsetDecoder decoder, byte[] line, int length, Path file,
                             long lineNo, long lineStart) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        String text = decode(decoder, line, end, file, lineNo, lineStart);
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        consumer.accept(text, lineNo);
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int length, Path file, long lineNo,
                                 long lineStart) {
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(bytes, length);
            throw new LmkitException(file + ":" + lineNo + ": the file is not valid UTF-8 (byte offset "
                    + (lineStart + bad) + "); convert it to UTF-8, e.g. with iconv -f latin1 -t utf-8", e);
        }
    }

    /** The index of the first byte at which strict UTF-8 decoding fails. */
    private static int firstInvalid(byte[] bytes, int length) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(length + 1);
        d.decode(in, out, true);
        return in.position();
    }
}
