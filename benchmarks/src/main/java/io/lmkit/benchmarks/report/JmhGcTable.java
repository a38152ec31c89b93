package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap allocated per operation from JMH's text output with {@code -prof gc} ({@code jmh-gc LABEL=LOG...}): the
 * summary lines {@code Class.method:gc.alloc.rate.norm ... B/op} and {@code Class.method:gc.count ... counts} of each
 * log, a row per log. For logs recorded before {@code benchmarks/run.sh} kept JMH's JSON.
 */
final class JmhGcTable {

    private static final Pattern NORM =
            Pattern.compile("^\\S+:gc\\.alloc\\.rate\\.norm\\s+\\S+\\s+\\d+\\s+([\\d.]+)(?:\\s+±\\s+([\\d.]+))?\\s+B/op");
    private static final Pattern COUNT = Pattern.compile("^\\S+:gc\\.count\\s+\\S+\\s+(\\d+)\\s+([\\d.]+)\\s");

    private JmhGcTable() {
    }

    static String render(Map<String, Path> logs) {
        MarkdownTable table = new MarkdownTable(List.of("run", "`gc.alloc.rate.norm` (bytes per operation)",
                "GCs in the measured iterations", "measured iterations"), List.of(false, true, true, true));
        logs.forEach((label, log) -> {
            Matcher norm = null;
            Matcher count = null;
            for (String line : RecordedFiles.lines(log)) {
                Matcher n = NORM.matcher(line);
                Matcher c = COUNT.matcher(line);
                norm = n.find() ? n : norm;
                count = c.find() ? c : count;
            }
            if (norm == null || count == null) {
                throw new TableSourceException(log + ": no JMH summary lines ':gc.alloc.rate.norm ... B/op' and"
                        + " ':gc.count'; run the benchmark with -prof gc");
            }
            String source = log.toString();
            long bytes = Math.round(Numbers.parse(norm.group(1), "gc.alloc.rate.norm", source));
            String error = norm.group(2) == null ? "" : " ± " + Numbers.grouped(Math.round(
                    Numbers.parse(norm.group(2), "gc.alloc.rate.norm error", source)));
            table.add(List.of(label, Numbers.grouped(bytes) + error,
                    Long.toString(Math.round(Numbers.parse(count.group(2), "gc.count", source))), count.group(1)));
        });
        return table.text();
    }
}
