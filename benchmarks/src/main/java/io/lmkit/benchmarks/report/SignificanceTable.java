package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The paired bootstrap of a comparison ({@code significance.csv}): each pair's difference in test perplexity,
 * its 95% interval, how often the first model was better, and whether the interval excludes 0.
 */
final class SignificanceTable {

    private SignificanceTable() {
    }

    static String render(Path csv) {
        MarkdownTable table = new MarkdownTable(
                List.of("first", "second", "difference", "95% interval", "first better in", "significant"),
                List.of(false, false, true, true, true, false));
        for (Map<String, String> row : RecordedFiles.csvRows(csv)) {
            double lower = number(row, "lower_95", csv);
            double upper = number(row, "upper_95", csv);
            boolean significant = lower > 0 || upper < 0;
            table.add(List.of(
                    RecordedFiles.field(row, "first", csv),
                    RecordedFiles.field(row, "second", csv),
                    Numbers.signed(number(row, "difference", csv), 2),
                    "[" + Numbers.signed(lower, 2) + ", " + Numbers.signed(upper, 2) + "]",
                    Numbers.fixed(100 * number(row, "first_better_share", csv), 1) + "%",
                    significant ? "yes" : "no"));
        }
        return table.text();
    }

    private static double number(Map<String, String> row, String column, Path csv) {
        return Numbers.parse(RecordedFiles.field(row, column, csv), column, csv.toString());
    }
}
