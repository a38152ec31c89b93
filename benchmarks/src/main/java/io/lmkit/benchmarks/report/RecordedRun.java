package io.lmkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a recorded output comes from, one bullet per {@code run.json} that {@code benchmarks/run.sh} wrote: the
 * name, date and times, commit (and whether the work tree had changes), the machine's CPUs and the load average
 * before and after (the one-minute figures). A machine busy with other work is called out, since the times and
 * speeds of such a run are lower than a quiet machine's: a load at or above the CPU count before the run, or
 * above the CPU count plus one after it (the run's own threads account for at most the CPU count). A non-zero
 * exit status is called out too.
 */
final class RecordedRun {

    private RecordedRun() {
    }

    static String render(List<Path> runs) {
        StringBuilder text = new StringBuilder();
        for (Path run : runs) {
            text.append("- ").append(line(RecordedFiles.json(run), run)).append('\n');
        }
        return text.toString();
    }

    private static String line(JsonNode run, Path file) {
        String started = text(run, "started", file);
        String ended = text(run, "ended", file);
        String commit = text(run, "commit", file);
        int nproc = run.path("machine").path("nproc").asInt(0);
        double before = load(run, "loadAverageBefore", file);
        double after = load(run, "loadAverageAfter", file);
        StringBuilder line = new StringBuilder();
        line.append("`benchmarks/run.sh ").append(text(run, "name", file)).append("` on ")
                .append(started, 0, 10).append(", ").append(started, 11, 16);
        if (!ended.substring(11, 16).equals(started.substring(11, 16))) {
            line.append("–").append(ended, 11, 16);
        }
        line.append(" UTC, commit ").append(commit, 0, Math.min(7, commit.length()));
        if (run.path("dirty").asBoolean(false)) {
            line.append(" **with uncommitted changes**");
        }
        line.append(", ").append(nproc).append(" CPUs (").append(run.path("machine").path("cpu").asText("?"))
                .append("), load average ")
                .append(String.format(Locale.ROOT, "%.1f before and %.1f after", before, after));
        // The run's own threads add at most nproc to the load after it; more than that is other work.
        if (before >= nproc || after >= nproc + 1) {
            line.append(": **the machine was busy with other work**, so times and speeds are below a quiet machine's");
        }
        int exit = run.path("exitStatus").asInt(0);
        if (exit != 0) {
            line.append("; **exit status ").append(exit).append("**");
        }
        return line.append('.').toString();
    }

    private static String text(JsonNode run, String field, Path file) {
        if (!run.hasNonNull(field) || run.get(field).asText().length() < (field.equals("started")
                || field.equals("ended") ? 16 : 1)) {
            throw new TableSourceException(file + ": no '" + field + "' as benchmarks/run.sh writes it;"
                    + " re-run the benchmark with benchmarks/run.sh");
        }
        return run.get(field).asText();
    }

    /** The one-minute load average. */
    private static double load(JsonNode run, String field, Path file) {
        JsonNode load = run.path(field);
        if (!load.isArray() || load.isEmpty() || !load.get(0).isNumber()) {
            throw new TableSourceException(file + ": no '" + field + "' (three load averages) as benchmarks/run.sh"
                    + " writes it; re-run the benchmark with benchmarks/run.sh");
        }
        return load.get(0).asDouble();
    }
}
