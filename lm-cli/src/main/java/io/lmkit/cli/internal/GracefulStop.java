package io.lmkit.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a polite request while training runs: a shutdown hook
 * marks the stop as {@link #requested()}, then holds the JVM open until the training thread has
 * written its checkpoint and {@link #close() closed} this, or until {@link #GRACE} has passed.
 * A second signal cannot be caught; SIGKILL never can, which is why checkpoints are atomic.
 *
 * <p>A signal that comes after training, while the model file is written, lets the write finish;
 * when the model was written ({@link #modelWritten()}), the JVM then exits with status 0 rather than
 * 143 or 130, since the run did all it was asked to.
 */
final class GracefulStop implements AutoCloseable {

    /** The longest the JVM waits for the checkpoint after a signal. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "lmkit-graceful-stop");
    private final IntConsumer halt;
    private volatile boolean requested;
    private volatile boolean modelWritten;

    /** A stop whose hook ends the JVM with {@code halt} (a status) once the model is written. */
    GracefulStop(IntConsumer halt) {
        this.halt = halt;
    }

    /** Installs the shutdown hook; close the result when training and saving are over. */
    static GracefulStop install() {
        GracefulStop stop = new GracefulStop(Runtime.getRuntime()::halt);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Records that the model file is complete: a signal that came meanwhile then ends with status 0. */
    void modelWritten() {
        modelWritten = true;
    }


    /** Whether a signal asked training to stop. */
    boolean requested() {
        return requested;
    }

    /** What the shutdown hook runs on a signal: asks training to stop, then waits for {@link #close()}. */
    void onSignal() {
        requested = true;
        try {
            finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (modelWritten) {
            // The signal came while the model was written, and it was: the run succeeded. halt() skips
            // the status the signal would give (143, 130); stdout and stderr were flushed line by line.
            System.out.flush();
            System.err.flush();
            halt.accept(0);
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
