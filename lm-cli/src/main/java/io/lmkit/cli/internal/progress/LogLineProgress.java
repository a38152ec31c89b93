package io.lmkit.cli.internal.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain log lines, for output that is not a terminal (CI logs, pipes, files): a line
 * when a step starts, at most one line per interval while it runs (done, percent, figures, ETA),
 * a line for each note, and a line when it ends.
 */
public final class LogLineProgress implements ProgressDisplay {

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;

    /**
     * Creates a display writing to {@code out}.
     *
     * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake one in tests)
     * @param interval  the least time between two progress lines of a step
     */
    public LogLineProgress(PrintWriter out, LongSupplier nanoClock, Duration interval) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public ProgressTask start(String name, long total, String unit) {
        out.println(total > 0 ? String.format(Locale.ROOT, "%s: started, %,d %s", name, total, unit)
                : name + ": started");
        out.flush();
        return new Task(name, total, unit, nanoClock.getAsLong());
    }

    /** Formats a duration as h:mm:ss, or m:ss under an hour. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private final class Task implements ProgressTask {
        private final String name;
        private final long total;
        private final String unit;
        private final long started;
        private long lastLine;
        private long done;
        private String detail = "";

        Task(String name, long total, String unit, long started) {
            this.name = name;
            this.total = total;
            this.unit = unit;
            this.started = started;
            this.lastLine = started;
        }

        @Override
        public void update(long done, String detail) {
            this.done = done;
            this.detail = detail;
            long now = nanoClock.getAsLong();
            if (now - lastLine < intervalNanos) {
                return;
            }
            lastLine = now;
            StringBuilder line = new StringBuilder(name).append(": ");
            if (total > 0) {
                line.append(String.format(Locale.ROOT, "%,d/%,d %s (%.0f%%)", done, total, unit,
                        100.0 * done / total));
            } else {
                line.append(String.format(Locale.ROOT, "%,d %s", done, unit));
            }
            if (!detail.isEmpty()) {
                line.append(", ").append(detail);
            }
            if (total > 0 && done > 0 && done < total) {
                // The rate so far, extrapolated to the rest of the step.
                long remaining = (long) ((double) (now - started) * (total - done) / done);
                line.append(", ETA ").append(clock(Duration.ofNanos(remaining)));
            }
            out.println(line);
            out.flush();
        }

        @Override
        public void note(String message) {
            out.println(name + ": " + message);
            out.flush();
        }

        @Override
        public void close() {
            long finished = total > 0 ? Math.max(done, total) : done;
            StringBuilder line = new StringBuilder(name).append(": done");
            if (finished > 0) {
                line.append(String.format(Locale.ROOT, ", %,d %s", finished, unit));
            }
            end(line);
        }

        @Override
        public void stop() {
            StringBuilder line = new StringBuilder(name).append(": stopped at ");
            line.append(total > 0 ? String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit)
                    : String.format(Locale.ROOT, "%,d %s", done, unit));
            end(line);
        }

        private void end(StringBuilder line) {
            line.append(" in ").append(clock(Duration.ofNanos(nanoClock.getAsLong() - started)));
            if (!detail.isEmpty()) {
                line.append(", ").append(detail);
            }
            out.println(line);
            out.flush();
        }
    }
}
