package io.lmkit.eval.compare;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Replaces a report folder as a whole: the new report is written into a hidden staging folder
 * beside it ({@code .NAME.new-*}), then the old folder is renamed away ({@code .NAME.old-*}), the
 * staging folder renamed into its place, and the old one deleted. A run killed while writing
 * leaves the old report whole (and a staging folder the next run deletes); the folder never mixes
 * two runs' files. Only a folder that holds nothing but report files is replaced, so a report
 * pointed at a folder of other files cannot delete them.
 */
final class ReportFolder {

    /** The files and folders a comparison report consists of. */
    static final Set<String> REPORT_FILES = Set.of("report.md", "report.html", "results.csv", "significance.csv",
            "learning-curves.csv", "results.json", ComparisonReport.PLOTS);

    /** Writes the report's files into the folder it is given. */
    @FunctionalInterface
    interface Writer {
        /** Writes every file into {@code staging}; returns their paths there. */
        List<Path> write(Path staging);
    }

    private ReportFolder() {
    }

    /**
     * Writes a report with {@code writer} and swaps it in at {@code dir}.
     *
     * @return the files written, as paths under {@code dir}
     * @throws LmkitException when {@code dir} holds files that are not a report's, or on an I/O error
     */
    static List<Path> replace(Path dir, Writer writer) {
        try {
            // A link to a report folder: the folder it names is replaced, and the link still names it.
            Path target = Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
            Path parent = target.getParent();
            String name = target.getFileName().toString();
            Files.createDirectories(parent);
            deleteLeftovers(parent, name);
            if (Files.exists(target)) {
                checkOnlyReportFiles(target);
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

    /** Staging and old folders of runs that were killed: never a complete report in its place. */
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

    /**
     * Checks before a long run that {@code dir} can later be replaced: it is new, or a folder of
     * report files only.
     */
    static void checkReplaceable(Path dir) {
        if (Files.exists(dir)) {
            try {
                checkOnlyReportFiles(dir);
            } catch (IOException e) {
                throw new LmkitException("cannot read the report folder " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkOnlyReportFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new LmkitException("cannot write the report to " + dir + ": it is a file, not a folder; choose"
                    + " another --out");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!REPORT_FILES.contains(n) && !(n.startsWith(".") && n.endsWith(".tmp"))) {
                    throw new LmkitException("cannot write the report to " + dir + ": it holds " + f + ", which is"
                            + " not part of a comparison report, and the report replaces the whole folder; choose"
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
