package io.lmkit.core.files;

import io.lmkit.core.LmkitException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees either the old complete file or the new complete file, never
 * a half-written one: the content goes to a temporary file beside the target, is flushed to disk,
 * and is then renamed over the target. A crash, a full disk or an exception while writing leaves
 * the previous file untouched.
 *
 * <p>Only a regular file is ever replaced: a directory, a device, a FIFO or a socket at the target
 * is refused, and a symbolic link is written through (its target file is replaced atomically and the
 * link stays).
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with the bytes {@code content} writes, atomically.
     *
     * @throws LmkitException when the directory is not writable or the disk is full; the old
     *                        file, if any, is then intact
     */
    public static void write(Path target, Content content) {
        Path absolute = destination(target);
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            keepUsualPermissions(temp, absolute);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
            temp = null;
        } catch (AccessDeniedException e) {
            throw new LmkitException("cannot write " + target + ": permission denied for " + e.getFile()
                    + "; choose a writable output path", e);
        } catch (IOException e) {
            Path blocking = fileInsteadOfFolder(dir);
            if (blocking != null) {
                throw new LmkitException("cannot write " + target + ": " + blocking + " is a file, not a directory;"
                        + " choose an output path whose folders are folders", e);
            }
            throw new LmkitException("cannot write " + target + ": " + e.getMessage()
                    + " (is the disk full or the directory read-only?); the previous file, if any, is intact", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original error matters more than a leftover temporary file.
                }
            }
        }
    }

    /**
     * Checks, before long work, that {@link #write} could write {@code target}: it is a regular file
     * or does not exist yet, and a file can be created (and is then deleted) in the nearest folder
     * that exists on the way to it.
     *
     * @throws LmkitException naming the target and why it cannot be written
     */
    public static void requireWritable(Path target) {
        Path absolute = destination(target);
        Path folder = absolute.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new LmkitException("cannot write " + target + ": " + folder + " is a file, not a directory;"
                    + " choose an output path whose folders are folders");
        }
        try {
            Files.delete(Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".probe"));
        } catch (AccessDeniedException e) {
            throw new LmkitException("cannot write " + target + ": permission denied for " + folder
                    + "; choose a writable output path", e);
        } catch (IOException e) {
            throw new LmkitException("cannot write " + target + ": creating a file in " + folder + " failed: "
                    + e.getMessage() + "; choose a writable output path", e);
        }
    }

    /**
     * The file that {@code target} names, absolute: the target itself, or the file a symbolic link
     * at it points to. Refuses anything but a regular file or nothing, since renaming over a device,
     * a FIFO or a directory would destroy it.
     */
    private static Path destination(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute)) {
            try {
                absolute = absolute.toRealPath();
            } catch (IOException e) {
                throw new LmkitException("cannot write " + target + ": it is a symbolic link to a missing file ("
                        + e.getMessage() + "); remove the link or choose another output path", e);
            }
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException doesNotExist) {
            return absolute;
        }
        if (attributes.isRegularFile()) {
            return absolute;
        }
        String kind = attributes.isDirectory() ? "a directory" : "not a regular file (a device, FIFO or socket)";
        throw new LmkitException("cannot write " + target + ": it is " + kind + ", which is never replaced;"
                + " choose a file name for the output");
    }

    /**
     * A temporary file is created readable by its owner only; the file it becomes gets the
     * permissions of the file it replaces, or rw-r--r-- (what a plain write gives under the usual
     * umask) for a new file, so a model or report written atomically is as readable as any other.
     */
    private static void keepUsualPermissions(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    /** The nearest existing ancestor of {@code dir} (itself included) that is not a folder, or null. */
    private static Path fileInsteadOfFolder(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain replace is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
