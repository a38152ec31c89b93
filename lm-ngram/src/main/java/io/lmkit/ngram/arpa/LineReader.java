package io.lmkit.ngram.arpa;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a fixed number of characters, so that a file without newlines (a binary file,
 * {@code /dev/zero}, a gzip of one huge line) is refused after that many characters instead of filling
 * the heap the way {@link java.io.BufferedReader#readLine()} would. Lines end with {@code \n} or
 * {@code \r\n}.
 */
final class LineReader {

    /** A line longer than the limit; reading stopped after {@code limit} characters of it. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("line longer than " + limit + " characters");
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int end;
    private char[] line = new char[256];

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its ending, or null at the end of the input. */
    String readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? text(length) : null;
                }
            }
            any = true;
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int n = position - start;
            if (length + n > maxChars) {
                throw new LineTooLongException(maxChars);
            }
            if (length + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(maxChars, Math.max(length + n, 2 * line.length)));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            if (position < end) {
                position++; // the '\n'
                return text(length);
            }
        }
    }

    private String text(int length) {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, n);
    }
}
