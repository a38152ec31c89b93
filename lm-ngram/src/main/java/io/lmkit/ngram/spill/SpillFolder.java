package io.lmkit.ngram.spill;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
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
 *
 * <p>A checkpoint folder ({@link #checkpoint(Path)}) is a user's folder that outlives a failed estimation: the
 * runs a checkpoint names ({@link #keep}) stay there after a failure or Ctrl-C, and a run read once is deleted
 * only when the next checkpoint no longer names it; everything else goes as in a private folder. Only a
 * {@link #complete() completed} estimation empties it.
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
    /** Whether this is a checkpoint folder, which keeps what its last checkpoint names unless completed. */
    private final boolean checkpoint;
    /** The files the last checkpoint names, and the ones read since that wait for the next, guarded by {@code this}. */
    private final Set<Path> kept = new HashSet<>();
    private final Set<Path> releasedButKept = new HashSet<>();
    private volatile boolean completed;

    /** Creates a folder {@code lmkit-spill-*} inside {@code tempDir}. */
    public SpillFolder(Path tempDir) {
        this(tempDir, Files::newOutputStream);
    }

    SpillFolder(Path tempDir, FileOpener opener) {
        this(createPrivate(tempDir), opener, false);
    }

    private SpillFolder(Path folder, FileOpener opener, boolean checkpoint) {
        this.opener = opener;
        this.folder = folder;
        this.checkpoint = checkpoint;
        if (checkpoint) {
            // Runs named after those a killed estimation left, so that none is overwritten before it is known.
            nextRun.set(highestRunNumber(folder) + 1);
        }
        this.cleanup = new Thread(() -> {
            startClosing();
            stopBackground();
            deleteAll();
            if (checkpoint && !completed && Files.exists(folder.resolve(CHECKPOINT_FILE))) {
                // Ctrl-C or SIGTERM: no exception will reach the user, so the hook says where the work is.
                System.err.println("lmkit: stopped; the estimation's finished steps are kept in " + folder
                        + ": run the same command again to go on from them");
            }
        }, "lmkit-spill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Opens {@code dir} (created if missing) as a checkpoint folder: runs go into it directly, and those a
     * checkpoint names survive a failure; what is there already stays until {@link #keep} says what to keep.
     */
    public static SpillFolder checkpoint(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> foreign = files.filter(f -> !isCheckpointFile(dir, f)).findFirst();
                if (foreign.isPresent()) {
                    throw new LmkitException("checkpointDir=" + dir + " holds " + foreign.get().getFileName()
                            + ", which no estimation wrote; give an empty or new folder (an estimation deletes what"
                            + " it writes there)");
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new LmkitException("cannot create the checkpoint folder " + dir + ": permission denied for "
                    + e.getFile() + "; give a writable folder with checkpointDir=DIR", e);
        } catch (IOException e) {
            Path file = fileOnTheWay(dir);
            throw new LmkitException("cannot create the checkpoint folder " + dir + ": "
                    + (file != null ? file + " is a file, not a folder" : e.getMessage())
                    + "; give a writable folder with checkpointDir=DIR", e);
        }
        java.nio.channels.FileChannel lock = lock(dir);
        SpillFolder folder = new SpillFolder(dir, Files::newOutputStream, true);
        folder.lock = lock;
        folder.keepAllPresent();
        return folder;
    }

    /** The nearest existing path on the way to {@code dir} (itself included) when it is not a folder, else null. */
    private static Path fileOnTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    /**
     * Locks a checkpoint folder for one estimation: a second one run on it at the same time (by mistake, or by a
     * user who thinks the first has ended) would delete the runs the first is writing as a killed run's.
     */
    private static java.nio.channels.FileChannel lock(Path dir) {
        try {
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(LOCK_FILE),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            boolean locked;
            try {
                locked = channel.tryLock() != null;
            } catch (java.nio.channels.OverlappingFileLockException inThisJvm) {
                locked = false;
            }
            if (!locked) {
                channel.close();
                throw new LmkitException("checkpointDir=" + dir + " is in use by another estimation that is still"
                        + " running; wait for it to end, or give another folder");
            }
            return channel;
        } catch (IOException e) {
            throw new LmkitException("cannot lock the checkpoint folder " + dir + ": " + e.getMessage()
                    + "; give a writable folder with checkpointDir=DIR");
        }
    }

    /** The file a checkpoint folder's estimation holds a lock on while it runs. */
    static final String LOCK_FILE = "estimation.lock";

    /** The lock of a checkpoint folder, null for a private folder; released when the folder is closed. */
    private java.nio.channels.FileChannel lock;

    /**
     * Whether {@code file}, in or under the checkpoint folder {@code dir}, is one an estimation writes there: runs,
     * the checkpoint and its temporary file, the model's tables. Only those are ever deleted from a user's folder.
     */
    private static boolean isCheckpointFile(Path dir, Path file) {
        Path relative = dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        if (relative.getNameCount() == 0) {
            return false;
        }
        String first = relative.getName(0).toString();
        return relative.getNameCount() > 1 ? first.equals(MODEL_FOLDER)
                : first.endsWith(".run") || first.equals(CHECKPOINT_FILE) || first.equals(CHECKPOINT_FILE + ".tmp")
                || first.equals(MODEL_FOLDER) || first.equals(LOCK_FILE);
    }

    /** The checkpoint's file in a checkpoint folder. */
    public static final String CHECKPOINT_FILE = "checkpoint.lmkit";

    /** The folder of the model's tables in a spill folder. */
    public static final String MODEL_FOLDER = "model";

    /** Keeps everything the folder holds until {@link #keep} says otherwise: a checkpoint not yet read stays. */
    private void keepAllPresent() {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> !f.getFileName().toString().equals(LOCK_FILE))
                    .forEach(f -> kept.add(f.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new LmkitException("cannot list the checkpoint folder " + folder + ": " + e.getMessage());
        }
    }

    private static Path createPrivate(Path tempDir) {
        try {
            Files.createDirectories(tempDir);
            return Files.createTempDirectory(tempDir, "lmkit-spill-");
        } catch (IOException e) {
            throw new LmkitException("cannot create a temporary folder in " + tempDir + " for sorted n-gram runs: "
                    + e.getMessage() + "; give a writable folder with tempDir=DIR");
        }
    }

    private static int highestRunNumber(Path dir) {
        int highest = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                int dash = name.lastIndexOf('-');
                if (name.endsWith(".run") && dash >= 0) {
                    try {
                        highest = Math.max(highest, Integer.parseInt(name.substring(dash + 1, name.length() - 4)));
                    } catch (NumberFormatException notOurs) {
                        // Some other file: not a run's name.
                    }
                }
            }
        } catch (IOException e) {
            throw new LmkitException("cannot list the checkpoint folder " + dir + ": " + e.getMessage());
        }
        return highest;
    }

    /**
     * Says which files of a checkpoint folder the checkpoint just written names: they survive a failure from now
     * on, and the files read since the previous one that it no longer names are deleted now.
     */
    public synchronized void keep(Set<Path> files) throws IOException {
        kept.clear();
        for (Path f : files) {
            kept.add(f.toAbsolutePath().normalize());
        }
        releasedButKept.removeIf(kept::contains);
        for (Path f : releasedButKept) {
            Files.deleteIfExists(f);
        }
        releasedButKept.clear();
    }

    /**
     * Puts a checkpoint written to {@code written} in place as {@code checkpoint} (renamed over the last one) and
     * keeps the files it names ({@link #keep}), unless the folder has started to go (Ctrl-C, SIGTERM): the shutdown
     * hook, which keeps what the last checkpoint named, must never find a checkpoint newer than the files it keeps.
     *
     * @throws IOException when the folder is going (the checkpoint is not put in place) or the rename fails
     */
    public synchronized void commitCheckpoint(Path written, Path checkpoint, Set<Path> files) throws IOException {
        if (closing) {
            Files.deleteIfExists(written);
            throw new IOException("the estimation is stopping; its last checkpoint stays in " + folder);
        }
        try {
            Files.move(written, checkpoint, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(written, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        keep(files);
    }

    /** Deletes a run read once, or, in a checkpoint folder whose checkpoint names it, keeps it until the next. */
    synchronized void release(Path run) throws IOException {
        Path p = run.toAbsolutePath().normalize();
        if (kept.contains(p)) {
            releasedButKept.add(p);
        } else {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Deletes every file of a checkpoint folder that its checkpoint ({@link #keep}) does not name: the runs an
     * estimation killed after it had written them. Call it before any run is written.
     */
    public void removeUnnamed() {
        deleteAllBut();
    }

    /** Whether this is a checkpoint folder. */
    public boolean isCheckpoint() {
        return checkpoint;
    }

    /** Marks the estimation done: closing now empties a checkpoint folder too. */
    public void complete() {
        completed = true;
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
        if (e instanceof java.nio.file.NoSuchFileException || !Files.isDirectory(folder)) {
            // Not a full disk: the folder went away beneath the estimation (another program, a cleaner of /tmp).
            return new LmkitException("cannot write sorted n-gram runs to " + folder + " (" + cause + "): the folder"
                    + " was removed while the estimation ran, after " + io.lmkit.core.MemoryBudget.format(written.get())
                    + " had been written; no other program may change the temporary folder while an estimation"
                    + " runs: give tempDir=DIR a folder nothing else cleans, and run it again", e);
        }
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

    /** Marks the folder as going, after any checkpoint being put in place ({@link #commitCheckpoint}). */
    private synchronized void startClosing() {
        closing = true;
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
        startClosing();
        stopBackground();
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the folder is gone or going.
        }
        if (lock != null) {
            try {
                lock.close(); // releases the lock
            } catch (IOException ignored) {
                // The process's end releases it all the same.
            }
        }
    }

    /**
     * Deletes the folder and everything in it. On Ctrl-C the estimation's thread runs on while this does (a
     * shutdown hook stops no thread): it deletes runs it has read and may finish one more, so a walk can meet a
     * file that is gone or miss one that is new. Vanished files are skipped and the walk is repeated until the
     * folder is gone; a SIGTERM to the 1 B-word estimation left 12 GB behind when one vanished file ended it.
     */
    private void deleteAll() {
        if (checkpoint) {
            deleteAllBut();
            return;
        }
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

    /**
     * Deletes from a checkpoint folder what an estimation wrote there: all of it once the estimation completed,
     * else all but what its last checkpoint names, the checkpoint itself among them. The folder stays, and so
     * does any file no estimation writes.
     */
    private void deleteAllBut() {
        Set<Path> keep = new HashSet<>();
        if (!completed) {
            synchronized (this) {
                keep.addAll(kept);
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Stream<Path> files = Files.walk(folder)) {
                // The lock file stays until the estimation completes: deleted while it runs, a second estimation
                // would lock a new file of that name and go on.
                files.sorted(Comparator.reverseOrder()).filter(p -> isCheckpointFile(folder, p))
                        .filter(p -> completed || !p.getFileName().toString().equals(LOCK_FILE))
                        .filter(p -> !keep.contains(p.toAbsolutePath().normalize())).forEach(p -> {
                            try {
                                Files.deleteIfExists(p);
                            } catch (IOException ignored) {
                                // Not empty yet, or not deletable: the next walk tries again.
                            }
                        });
                return;
            } catch (IOException | java.io.UncheckedIOException vanished) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }
    }
}
