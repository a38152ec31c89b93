package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training throughput against the machine's measured ceiling: the tokens per second and GFLOP/s a benchmark
 * printed, and their share of the ceiling {@code FmaCeiling} recorded ({@link MeasuredCeiling}), computed here
 * from the recorded GFLOP/s, so a log that printed a share of another figure (the 224 GFLOP/s an issue quoted)
 * still renders against the measured one. Kinds: {@code training-speed ceiling=JSON LABEL=LOG...}
 * ({@code FixedWindowBrown}'s "training throughput" line, a row per log) and {@code rnn-speed LOG ceiling=JSON}
 * ({@code RnnSpeed}'s printed table, a row per trainer).
 */
final class TrainingSpeedTable {

    private static final Pattern THROUGHPUT =
            Pattern.compile("^training throughput (\\d+) tokens/s = ([\\d.]+) GFLOP/s");
    private static final List<String> RNN_SPEED_HEADER = List.of("trainer", "training tokens/s", "GFLOP/s");

    /** One row: what trained, its tokens per second and its GFLOP/s, as recorded. */
    private record Row(String name, long tokensPerSecond, String gflops) {
    }

    private TrainingSpeedTable() {
    }

    /** FixedWindowBrown runs, one per label (a backend), from the last "training throughput" line of each log. */
    static String fixedWindow(Map<String, Path> logs, Path ceilingJson) {
        List<Row> rows = new ArrayList<>();
        logs.forEach((label, log) -> {
            Matcher m = null;
            for (String line : RecordedFiles.lines(log)) {
                Matcher candidate = THROUGHPUT.matcher(line);
                if (candidate.find()) {
                    m = candidate;
                }
            }
            if (m == null) {
                throw new TableSourceException(log + ": no 'training throughput N tokens/s = G GFLOP/s' line; the"
                        + " FixedWindowBrown run did not finish, re-run it");
            }
            rows.add(new Row("`" + label + "`", Long.parseLong(m.group(1)), m.group(2)));
        });
        return render("backend", rows, MeasuredCeiling.read(ceilingJson));
    }

    /** RnnSpeed's printed table: a row per trainer; its share column, of whatever ceiling it named, is not used. */
    static String rnnSpeed(Path log, Path ceilingJson) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : RecordedFiles.lines(log)) {
            if (!line.startsWith("|")) {
                inTable = inTable && line.isBlank();
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() == 4 && cells.subList(0, 3).equals(RNN_SPEED_HEADER)) {
                rows.clear();
                inTable = true;
            } else if (inTable && !line.startsWith("|---")) {
                if (cells.size() != 4) {
                    throw new TableSourceException(log + ": a row of RnnSpeed's table has " + cells.size()
                            + " cells, not 4: " + line);
                }
                long tokens = Math.round(Numbers.parse(cells.get(1).replace(",", ""), "training tokens/s",
                        log.toString()));
                Numbers.parse(cells.get(2), "GFLOP/s", log.toString());
                rows.add(new Row(cells.get(0), tokens, cells.get(2)));
            }
        }
        if (rows.isEmpty()) {
            throw new TableSourceException(log + ": no RnnSpeed table (| trainer | training tokens/s | GFLOP/s | ...);"
                    + " re-run benchmarks/run.sh rnn-speed");
        }
        return render("trainer", rows, MeasuredCeiling.read(ceilingJson));
    }

    private static String render(String first, List<Row> rows, MeasuredCeiling ceiling) {
        MarkdownTable table = new MarkdownTable(List.of(first, "training tokens/s", "GFLOP/s",
                "share of the ceiling, " + Numbers.fixed(ceiling.gflops(), 1) + " GFLOP/s"),
                List.of(false, true, true, true));
        for (Row row : rows) {
            double gflops = Numbers.parse(row.gflops(), "GFLOP/s", row.name());
            table.add(List.of(row.name(), Numbers.grouped(row.tokensPerSecond()), row.gflops(), ceiling.share(gflops)));
        }
        return table.text();
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
