package io.lmkit.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a polite request while training runs: a shutdown hook
 * marks the stop as {@link #requested()}, then holds the JVM open until the training thread has
 * written its checkpoint and {@link #close() closed} this, or until {@link #GRACE} has passed.
 * A second signal cannot be caught; SIGKILL never can, which is why checkpoints are atomic.
 */
final class GracefulStop implements AutoCloseable {

    /** The longest the JVM waits for the checkpoint after a signal. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "lmkit-graceful-stop");
    private volatile boolean requested;

    private GracefulStop() {
    }

    /** Installs the shutdown hook; close the result when training and saving are over. */
    static GracefulStop install() {
        GracefulStop stop = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a signal asked training to stop. */
    boolean requested() {
        return requested;
    }

    private void onSignal() {
        requested = true;
        try {
            finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a waiting shutdown proceed, or removes the hook when no signal came. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The signal came: the hook is running and now returns, and the JVM exits.
        }
    }
}
