package io.lmkit.core.files;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams the lines of a UTF-8 text file, plain or gzip-compressed ({@link TextFiles}), with their line numbers:
 * strict decoding (invalid UTF-8
 * is an error naming the line and byte offset, or replaced by U+FFFD when asked), a leading byte-order mark removed, {@code \n} and
 * {@code \r\n} both accepted. Lines are decoded one at a time so that errors point at the right
 * line, and a line longer than {@link #MAX_LINE_BYTES} is refused, so that a file without newlines
 * (a binary file, {@code /dev/zero}) ends in an error instead of filling the heap.
 */
public final class TextLines {

    /**
     * The longest line read, in bytes: 64 MiB. A sentence a line never comes near it (the longest
     * lines of web corpora are whole documents of a few megabytes); a longer line is not text.
     */
    public static final int MAX_LINE_BYTES = 64 << 20;

    /** Receives one line and its 1-based number. */
    @FunctionalInterface
    public interface LineConsumer {
        /** Takes one line, without its line ending, and its 1-based number. */
        void accept(String line, long lineNumber);
    }

    private TextLines() {
    }

    /**
     * Streams the lines of {@code file}.
     *
     * @param what     what the file is, for messages (e.g. "vocabulary file")
     * @param invalid  what to do with invalid UTF-8
     * @param consumer receives each line
     * @throws LmkitException naming the file, line and byte offset of invalid UTF-8 or of a line over
     *                        {@link #MAX_LINE_BYTES}, or a file that does not exist or cannot be read
     */
    public static void forEach(Path file, String what, InvalidUtf8 invalid, LineConsumer consumer) {
        forEach(file, what, invalid, consumer, MAX_LINE_BYTES);
    }

    /** As {@link #forEach(Path, String, InvalidUtf8, LineConsumer)} with a line limit, so tests can use a small one. */
    static void forEach(Path file, String what, InvalidUtf8 invalid, LineConsumer consumer, int maxLineBytes) {
        try (InputStream in = TextFiles.open(file)) {
            forEach(in, file.toString(), what, invalid, consumer, maxLineBytes);
        } catch (NoSuchFileException e) {
            throw new LmkitException(what + " " + file + " does not exist; check the path", e);
        } catch (IOException e) {
            throw new LmkitException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the lines of {@code in} (standard input, say) with the same rules as a file; {@code name}
     * stands for the file in messages. The stream is not closed.
     *
     * @throws LmkitException naming {@code name}, the line and byte offset of invalid UTF-8 or of a
     *                        line over {@link #MAX_LINE_BYTES}, or a read that fails
     */
    public static void forEach(InputStream in, String name, InvalidUtf8 invalid, LineConsumer consumer) {
        InputStream text;
        try {
            text = TextFiles.decompressing(in, name);
        } catch (IOException e) {
            throw new LmkitException("cannot read " + name + ": " + e.getMessage(), e);
        }
        forEach(text, name, name, invalid, consumer, MAX_LINE_BYTES);
    }

    private static void forEach(InputStream in, String file, String what, InvalidUtf8 invalid, LineConsumer consumer,
                                int maxLineBytes) {
        CodingErrorAction action = invalid == InvalidUtf8.REPLACE ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(action)
                .onUnmappableCharacter(action);
        long lineNo = 0;
        long lineStart = 0;
        try {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[Math.min(256, maxLineBytes)];
            int length = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b != '\n') {
                        if (length == line.length) {
                            if (length >= maxLineBytes) {
                                throw lineTooLong(file, lineNo + 1, lineStart, maxLineBytes);
                            }
                            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * line.length));
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
        } catch (IOException e) {
            throw new LmkitException("cannot read " + what + " " + file + " at line " + (lineNo + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The refusal of line {@code lineNo}, which starts at byte {@code lineStart} and is longer than {@code limit}. */
    static LmkitException lineTooLong(Object file, long lineNo, long lineStart, int limit) {
        return new LmkitException(file + ":" + lineNo + ": the line starting at byte offset " + lineStart
                + " is longer than " + limit + " bytes (" + io.lmkit.core.MemoryBudget.format(limit) + "), the longest"
                + " line lmkit reads; give one sentence a line (is this a text file?)");
    }

    private static void emit(LineConsumer consumer, CharsetDecoder decoder, byte[] line, int length, String file,
                             long lineNo, long lineStart) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        String text = decode(decoder, line, end, file, lineNo, lineStart);
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        consumer.accept(text, lineNo);
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int length, String file, long lineNo,
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
