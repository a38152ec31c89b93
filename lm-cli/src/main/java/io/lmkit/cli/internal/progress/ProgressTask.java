package io.lmkit.cli.internal.progress;

/** One step being shown by a {@link ProgressDisplay}; close it when the step ends. */
public interface ProgressTask extends AutoCloseable {

    /** A task that shows nothing. */
    ProgressTask NONE = new ProgressTask() {
        @Override
        public void update(long done, String detail) {
        }

        @Override
        public void note(String message) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Reports how far the step is.
     *
     * @param done   work done so far, in the step's unit
     * @param detail the current figures (loss, tokens/s, ...), or an empty string
     */
    void update(long done, String detail);

    /** Reports something worth a line of its own, e.g. a validation result. */
    void note(String message);

    /** Ends the step, showing it complete. */
    @Override
    void close();

    /**
     * Ends the step before its work is done (a time budget ran out, an error), showing how far it
     * got rather than complete.
     */
    default void stop() {
        close();
    }
}
