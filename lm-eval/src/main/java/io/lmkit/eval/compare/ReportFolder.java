package io.lmkit.eval.compare;

import io.lmkit.core.LmkitException;
import io.lmkit.eval.report.FolderReplacement;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Replaces a report folder as a whole ({@link FolderReplacement}): the new report is written into a
 * hidden staging folder beside it and swapped in, so a run killed while writing leaves the old
 * report whole and the folder never mixes two runs' files. Only a folder that holds nothing but
 * report files is replaced, so a report pointed at a folder of other files cannot delete them.
 */
final class ReportFolder {

    /** The files and folders a comparison report consists of. */
    static final Set<String> REPORT_FILES = Set.of("report.md", "report.html", "results.csv", "significance.csv",
            "learning-curves.csv", "results.json", ComparisonReport.PLOTS, ComparisonReport.MODELS);

    /** Writes the report's files into the folder it is given. */
    @FunctionalInterface
    interface Writer {
        /** Writes every file into {@code staging}; returns their paths there. */
        List<Path> write(Path staging);
    }

    private ReportFolder() {
    }

    private static final FolderReplacement FOLDER = new FolderReplacement("a comparison report",
            REPORT_FILES::contains);

    /**
     * Writes a report with {@code writer} and swaps it in at {@code dir}.
     *
     * @return the files written, as paths under {@code dir}
     * @throws LmkitException when {@code dir} holds files that are not a report's, or on an I/O error
     */
    static List<Path> replace(Path dir, Writer writer) {
        return FOLDER.replace(dir, writer::write);
    }

    /**
     * Checks before a long run that {@code dir} can later be replaced: it is new, or a folder of
     * report files only.
     */
    static void checkReplaceable(Path dir) {
        FOLDER.checkReplaceable(dir);
    }
}
