package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressTask;

/**
 * Several passes over one file shown as one step, so that progress is in proportion to the work: a small
 * file gets a start line and an end line, not two per pass; a large one gets periodic lines with one ETA
 * for all the passes. Each pass's own steps feed the one step, offset by the passes before it.
 */
final class PassesProgress implements ProgressDisplay, AutoCloseable {

    private final ProgressDisplay display;
    private final String name;
    private final long total;
    private final String unit;
    private ProgressTask whole;
    private long offset;

    /**
     * One step named {@code name} of {@code total} units on {@code display}, started when the first pass
     * starts (a missing file fails before anything is shown).
     */
    PassesProgress(ProgressDisplay display, String name, long total, String unit) {
        this.display = display;
        this.name = name;
        this.total = total;
        this.unit = unit;
    }

    @Override
    public ProgressTask start(String pass, long passTotal, String passUnit) {
        if (whole == null) {
            whole = display.start(name, total, unit);
        }
        long base = offset;
        return new ProgressTask() {
            private long done;

            @Override
            public void update(long passDone, String detail) {
                done = passDone;
                whole.update(base + passDone, detail.isEmpty() ? pass : pass + ": " + detail);
            }

            @Override
            public void note(String message) {
                whole.note(message);
            }

            @Override
            public void stop(String reason) {
                // One pass cut short ends the whole step where it got to.
                offset = base + done;
                whole.update(offset, pass + ": " + reason);
            }

            @Override
            public void close() {
                offset = base + Math.max(done, passTotal);
            }
        };
    }

    @Override
    public void close() {
        if (whole != null) {
            whole.close();
        }
    }
}
