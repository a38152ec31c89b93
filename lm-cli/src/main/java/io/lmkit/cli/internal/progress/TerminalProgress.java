package io.lmkit.cli.internal.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live progress bars on a terminal (the progressbar library): percent, done/total, speed and ETA,
 * with the current figures (loss, validation perplexity) beside the bar.
 */
public final class TerminalProgress implements ProgressDisplay {

    private final PrintStream terminal;

    /** Draws bars on {@code terminal}, normally {@code System.err} so that results on stdout stay clean. */
    public TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public ProgressTask start(String name, long total, String unit) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
        return new ProgressTask() {
            @Override
            public void update(long done, String detail) {
                bar.stepTo(done);
                bar.setExtraMessage(detail.isEmpty() ? "" : " " + detail); // the library adds no separator
            }

            @Override
            public void note(String message) {
                bar.setExtraMessage(" " + message);
            }

            @Override
            public void close() {
                if (total > 0) {
                    bar.stepTo(total);
                }
                bar.close();
            }

            @Override
            public void stop() {
                bar.close();        // left where it got to
            }
        };
    }
}
