package io.lmkit.benchmarks.report;

/** A recorded output that is missing or cannot be read as the table's kind expects; the message names the file. */
public final class TableSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error in a table's recorded source.
     *
     * @param message one line naming the file and what is wrong with it
     */
    public TableSourceException(String message) {
        super(message);
    }
}
