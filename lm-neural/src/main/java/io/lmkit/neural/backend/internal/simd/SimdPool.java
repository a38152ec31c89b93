package io.lmkit.neural.backend.internal.simd;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run the parts of one operation, the calling thread taking
 * part 0, so an operation split in two wakes one worker and creates no thread.
 */
final class SimdPool implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;

    SimdPool(int threads) {
        this.threads = threads;
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "lmkit-simd-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        });
    }

    /** How many parts an operation may be split into. */
    int threads() {
        return threads;
    }

    /** Runs body(0) … body(parts − 1), in parallel, and returns when all are done. */
    void run(int parts, IntConsumer body) {
        if (parts <= 1 || workers == null) {
            for (int i = 0; i < parts; i++) {
                body.accept(i);
            }
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            int part = i;
            futures[i - 1] = workers.submit(() -> body.accept(part));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a simd worker thread", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A range body: processes elements [from, to). */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Splits [0, n) into up to {@link #threads()} ranges whose bounds are multiples of {@code align},
     * in parallel when n is at least {@code minParallel}.
     */
    void forRange(int n, int align, int minParallel, Range body) {
        int parts = n < minParallel ? 1 : Math.min(threads, Math.max(1, n / align));
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        int chunk = (n / parts + align - 1) / align * align;
        run(parts, p -> body.run(Math.min(n, p * chunk), p == parts - 1 ? n : Math.min(n, (p + 1) * chunk)));
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
