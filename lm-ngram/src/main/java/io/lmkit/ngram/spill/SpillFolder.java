package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A private temporary folder for sorted runs, inside the {@code tempDir} a user chose (the system's
 * by default). It is deleted with everything in it on {@link #close()}, after success or failure, and
 * by a shutdown hook when the JVM stops first (Ctrl-C, SIGTERM), so that no run outlives its estimation.
 * The runs its sorters write in the background ({@link #inBackground}) are stopped and waited for first, so
 * that none is written into the folder as it is deleted.
 */
public final class SpillFolder implements AutoCloseable {

    /** Opens a file of the folder for writing; tests put a failing disk here. */
    @FunctionalInterface
    interface FileOpener {
        OutputStream open(Path file) throws IOException;
    }

    /** The end of the error for a run that cannot be read back: what went wrong is the folder changing under it. */
    public static final String READ_FAILED_FIX = "; no other program may change the temporary folder while an"
            + " estimation runs: run it again (tempDir=DIR chooses the folder)";

    private final Path folder;
    private final FileOpener opener;
    private final Thread cleanup;
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger nextRun = new AtomicInteger();
    /** The background tasks not yet finished, guarded by {@code this}. */
    private final Set<FutureTask<?>> running = new HashSet<>();
    /**
     * Set when the folder starts to go (on close, or by the shutdown hook on Ctrl-C or SIGTERM, while the
     * estimation's thread still runs): no run is created and no task started after it.
     */
    private volatile boolean closing;

    /** Creates a folder {@code lmkit-spill-*} inside {@code tempDir}. */
    public SpillFolder(Path tempDir) {
        this(tempDir, Files::newOutputStream);
    }

    SpillFolder(Path tempDir, FileOpener opener) {
        this.opener = opener;
        try {
            Files.createDirectories(tempDir);
            this.folder = Files.createTempDirectory(tempDir, "lmkit-spill-");
        } catch (IOException e) {
            throw new LmkitException("cannot create a temporary folder in " + tempDir + " for sorted n-gram runs: "
                    + e.getMessage() + "; give a writable folder with tempDir=DIR");
        }
        this.cleanup = new Thread(() -> {
            closing = true;
            stopBackground();
            deleteAll();
        }, "lmkit-spill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The folder holding the runs. */
    public Path path() {
        return folder;
    }

    /** Bytes written to runs so far (the temporary disk an estimation needs, at least). */
    public long bytesWritten() {
        return written.get();
    }

    /** A new run file's path and its output stream. */
    OutputStream newRun(String name, Path[] created) throws IOException {
        if (closing) {
            throw new IOException("the estimation is stopping and its temporary folder " + folder + " is being"
                    + " removed");
        }
        Path file = folder.resolve(name + "-" + nextRun.getAndIncrement() + ".run");
        created[0] = file;
        OutputStream raw = opener.open(file);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                raw.write(b);
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
                written.addAndGet(len);
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }

    /** The error for a run that could not be written: the folder, what was written, and the fix. */
    public LmkitException writeFailed(IOException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new LmkitException("cannot write sorted n-gram runs to " + folder + " (" + cause + ") after "
                + io.lmkit.core.MemoryBudget.format(written.get()) + "; the estimation needs more temporary disk"
                + " there (free space, or give tempDir=DIR on a disk with room) or a larger memory= (fewer, larger"
                + " runs need no more disk, but everything that fits in memory is never written)");
    }

    /**
     * Runs {@code task} (a run being sorted and written) on a background thread; {@link #close()} stops it and
     * waits for it if it is still running.
     */
    <T> Future<T> inBackground(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        synchronized (this) {
            if (closing) {
                future.cancel(true);
                return future;
            }
            running.add(future);
        }
        BACKGROUND.execute(() -> {
            try {
                future.run();
            } finally {
                synchronized (this) {
                    running.remove(future);
                    notifyAll();
                }
            }
        });
        return future;
    }

    /**
     * Waits until {@code task}, given by {@link #inBackground}, has ended: finished, failed or cancelled, and
     * let go of what it held. {@link Future#get()} is not enough after a cancel, which returns at once while
     * the task may still hold its records (a sorter's buffers: the next sorter's would then not fit).
     */
    synchronized void awaitFinished(Future<?> task) {
        boolean interrupted = false;
        while (running.contains(task)) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the background tasks still running (after a failure) and waits until none is. */
    private synchronized void stopBackground() {
        running.forEach(f -> f.cancel(true));
        boolean interrupted = false;
        while (!running.isEmpty()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The threads that sort and write runs: daemons, so that a failed estimation never keeps the program
     * alive; idle ones end after a minute.
     */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "lmkit-spill");
        t.setDaemon(true);
        return t;
    });

    /** Stops what still runs in the background, deletes the folder and its runs, and removes the shutdown hook. */
    @Override
    public void close() {
        closing = true;
        stopBackground();
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the folder is gone or going.
        }
    }

    /**
     * Deletes the folder and everything in it. On Ctrl-C the estimation's thread runs on while this does (a
     * shutdown hook stops no thread): it deletes runs it has read and may finish one more, so a walk can meet a
     * file that is gone or miss one that is new. Vanished files are skipped and the walk is repeated until the
     * folder is gone; a SIGTERM to the 1 B-word estimation left 12 GB behind when one vanished file ended it.
     */
    private void deleteAll() {
        for (int attempt = 0; attempt < 50 && Files.exists(folder); attempt++) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // Not empty yet (a file came meanwhile), or not deletable: the next walk tries again.
                    }
                });
            } catch (IOException | java.io.UncheckedIOException vanished) {
                // A file or the folder went away during the walk: walk again.
            }
            if (Files.exists(folder)) {
                // Not Thread.sleep: the hook may run interrupted, and the folder must go all the same.
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }
    }
}
