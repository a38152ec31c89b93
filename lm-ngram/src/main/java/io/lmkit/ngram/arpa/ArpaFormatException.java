package io.lmkit.ngram.arpa;

import io.lmkit.core.LmkitException;

/**
 * An ARPA file that breaks the format: the message names the file, the line number, the bad text
 * and what was expected.
 */
public final class ArpaFormatException extends LmkitException {

    private final long line;

    /** Creates the error for {@code line} (1-based; 0 when it concerns the whole file). */
    public ArpaFormatException(String file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    /** The 1-based line number of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
