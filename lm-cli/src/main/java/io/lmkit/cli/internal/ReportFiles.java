package io.lmkit.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The line compare prints after writing its report: the files that were written, not the ones it could write. */
final class ReportFiles {

    private static final String PLOTS = "plots";

    private ReportFiles() {
    }

    /**
     * "full report: DIR/report.md (and results.csv, plots/)": the first file written in full, the others by
     * their names in {@code dir}, the plots as one folder.
     */
    static String summary(Path dir, List<Path> written) {
        if (written.isEmpty()) {
            return "no report files written (the config's outputs.formats is empty)";
        }
        // The files may come back absolute while dir is as the user typed it: name them under dir.
        Path base = dir.toAbsolutePath().normalize();
        List<String> others = new ArrayList<>();
        for (Path file : written.subList(1, written.size())) {
            Path relative = base.relativize(file.toAbsolutePath().normalize());
            String name = relative.getNameCount() > 1 && relative.getName(0).toString().equals(PLOTS)
                    ? PLOTS + "/" : relative.toString();
            if (!others.contains(name)) {
                others.add(name);
            }
        }
        Path first = dir.resolve(base.relativize(written.get(0).toAbsolutePath().normalize()));
        return "full report: " + first + (others.isEmpty() ? "" : " (and " + String.join(", ", others) + ")");
    }
}
