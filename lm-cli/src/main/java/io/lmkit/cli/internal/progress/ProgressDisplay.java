package io.lmkit.cli.internal.progress;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Where the progress of long steps goes: a live bar on a terminal, periodic log lines when output
 * goes to a file or a pipe (CI), or nowhere when the user asked for quiet.
 */
public interface ProgressDisplay {

    /** A display that shows nothing. */
    ProgressDisplay NONE = (name, total, unit) -> ProgressTask.NONE;

    /**
     * Starts showing one step.
     *
     * @param name  what the step is, e.g. {@code "reading train.txt"} or {@code "lstm epoch 3"}
     * @param total how much work the step has, in {@code unit}; 0 or less when unknown
     * @param unit  what the work is counted in, e.g. {@code "batches"}
     */
    ProgressTask start(String name, long total, String unit);

    /**
     * The display for a command: nothing when {@code quiet}, a live bar on {@code terminal}'s
     * standard error when {@code interactive}, else a log line to {@code log} at most every 10 seconds.
     */
    static ProgressDisplay choose(boolean quiet, boolean interactive, PrintWriter log) {
        if (quiet) {
            return NONE;
        }
        return interactive ? new TerminalProgress(System.err)
                : new LogLineProgress(log, System::nanoTime, Duration.ofSeconds(10));
    }
}
