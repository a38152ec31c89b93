package io.lmkit.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Passes bytes through to a stream and digests a copy of them on a thread of its own, in the order
 * written, so that hashing a large stored entry (SHA-256 of tens of megabytes) overlaps with producing
 * it instead of adding to it. At most {@value #IN_FLIGHT} chunks wait for the digest at once; the
 * digest is exactly that of the bytes written.
 */
final class BackgroundDigestOutputStream extends FilterOutputStream {

    private static final int IN_FLIGHT = 64;

    private final MessageDigest digest;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lmkit-entry-digest");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);

    BackgroundDigestOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        byte[] copy = Arrays.copyOfRange(b, off, off + len);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a model entry");
        }
        worker.execute(() -> {
            digest.update(copy);
            slots.release();
        });
    }

    /** Waits for the digest of every byte written and returns it as lower-case hex; call once, after the last write. */
    String hex() throws IOException {
        worker.shutdown();
        try {
            while (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                // A digest of the few megabytes in flight never takes a minute; keep waiting rather than guess.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing a model entry's checksum");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            worker.shutdown();
        }
    }
}
