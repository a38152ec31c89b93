package io.lmkit.eval.probe;

import io.lmkit.core.LmkitException;

/**
 * A cloze suite file that cannot be read: the message names the file, the line and what to write
 * instead, so it can be printed as it is.
 */
public final class ClozeSuiteException extends LmkitException {

    private final String file;
    private final int line;

    /**
     * @param file    the suite file (or resource) name
     * @param line    the 1-based line of the problem; 0 when it concerns the whole file
     * @param problem what is wrong and how to fix it
     */
    public ClozeSuiteException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The same, caused by {@code cause} (an I/O or JSON syntax error). */
    public ClozeSuiteException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** The suite file (or resource) name. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
