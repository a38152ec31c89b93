package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JMH's results ({@code -rf json}): one row per benchmark and parameter set, with the primary metric's score,
 * its error (JMH's 99.9% half-interval) and unit. Benchmark names drop their package.
 */
final class JmhTable {

    private JmhTable() {
    }

    static String render(Path json) {
        MarkdownTable table = new MarkdownTable(List.of("benchmark", "params", "score", "error", "unit"),
                List.of(false, false, true, true, false));
        for (JmhResults.Result result : JmhResults.read(json)) {
            List<String> pairs = new ArrayList<>();
            result.params().forEach((name, value) -> pairs.add(name + "=" + value));
            double score = result.score();
            double error = result.error();
            table.add(List.of("`" + result.shortName() + "`", String.join(", ", pairs), number(score, score),
                    Double.isNaN(error) ? "" : "± " + number(error, score), result.unit()));
        }
        return table.text();
    }

    /** Three decimals for a score below 100, else one decimal with thousands separators; an error as its score. */
    private static String number(double value, double score) {
        if (Math.abs(score) >= 100) {
            return String.format(Locale.ROOT, "%,.1f", value);
        }
        return Numbers.fixed(value, 3);
    }
}
