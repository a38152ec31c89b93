package io.lmkit.eval.report;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Replaces an output folder as a whole: the new files are written into a hidden staging folder
 * beside it ({@code .NAME.new-*}), then the old folder is renamed away ({@code .NAME.old-*}), the
 * staging folder renamed into its place, and the old one deleted. A run killed while writing
 * leaves the old folder whole (and a staging folder the next run deletes); the folder never mixes
 * two runs' files. Only a folder that holds nothing but files of its own kind (those an earlier
 * run wrote) is replaced, so an output pointed at a folder of other files cannot delete them. The
 * comparison report and {@code lmkit attention} write their folders this way.
 */
public final class FolderReplacement {

    /** Writes the folder's files into the staging folder it is given. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes every file into {@code staging}.
         *
         * @return their paths there
         */
        List<Path> write(Path staging);
    }

    private final String what;
    private final Predicate<String> ownName;

    /**
     * A kind of output folder.
     *
     * @param what    what the folder holds, for errors, with its article: {@code a comparison report}
     * @param ownName whether a name directly inside the folder is one this kind of folder writes
     */
    public FolderReplacement(String what, Predicate<String> ownName) {
        this.what = what;
        this.ownName = ownName;
    }

    /**
     * Writes the folder with {@code writer} and swaps it in at {@code dir}.
     *
     * @return the files written, as paths under {@code dir}
     * @throws LmkitException when {@code dir} holds files of another kind, or on an I/O error
     */
    public List<Path> replace(Path dir, Writer writer) {
        try {
            // A link to a folder: the folder it names is replaced, and the link still names it.
            Path target = Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
            Path parent = target.getParent();
            String name = target.getFileName().toString();
            Files.createDirectories(parent);
            deleteLeftovers(parent, name);
            if (Files.exists(target)) {
                checkOwnFilesOnly(target);
            }
            Path staging = Files.createDirectory(parent.resolve("." + name + ".new-" + UUID.randomUUID()));
            Path reported = dir.toAbsolutePath().normalize();
            List<Path> written = writer.write(staging).stream().map(p -> reported.resolve(staging.relativize(p)))
                    .toList();
            if (Files.exists(target)) {
                Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return written;
        } catch (IOException e) {
            throw new LmkitException("cannot write the report folder " + dir + ": " + e.getMessage()
                    + "; choose a writable --out folder", e);
        }
    }

    /**
     * Checks before a long run that {@code dir} can later be replaced: it is new, or a folder of
     * this kind's files only.
     *
     * @throws LmkitException naming a file of another kind in it
     */
    public void checkReplaceable(Path dir) {
        if (Files.exists(dir)) {
            try {
                checkOwnFilesOnly(dir);
            } catch (IOException e) {
                throw new LmkitException("cannot read the report folder " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Staging and old folders of runs that were killed: never a complete folder in its place. */
    private static void deleteLeftovers(Path parent, String name) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.toList()) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && (n.startsWith("." + name + ".new-") || n.startsWith("." + name + ".old-"))) {
                    deleteTree(p);
                }
            }
        }
    }

    private void checkOwnFilesOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new LmkitException("cannot write the report to " + dir + ": it is a file, not a folder; choose"
                    + " another --out");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!ownName.test(n) && !(n.startsWith(".") && n.endsWith(".tmp"))) {
                    throw new LmkitException("cannot write the report to " + dir + ": it holds " + f + ", which is"
                            + " not part of " + what + ", and the report replaces the whole folder; choose"
                            + " an empty or new --out folder");
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
