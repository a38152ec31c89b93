package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table that a benchmark command printed into its log ({@code NgramOrderTable},
 * {@code SmoothingTable}), found by its header and rendered again; the lines between its rows (warnings the
 * run logged) are left out. The header is checked, so that a command printing other columns fails here by name
 * instead of silently filling the document's table with them.
 */
final class PrintedTable {

    /** NgramOrderTable's columns. */
    static final List<String> NGRAM_ORDER = List.of("order", "test perplexity", "n-grams", "table MB", "heap MB",
            "estimation s", "unseen n-grams of the highest order");

    /** SmoothingTable's columns. */
    static final List<String> SMOOTHING = List.of("model", "order", "valid perplexity", "test perplexity",
            "training s");

    private PrintedTable() {
    }

    /** The printed table's rows, as cells, after the header and the rule. */
    static List<List<String>> rows(Path log, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : RecordedFiles.lines(log)) {
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.equals(header)) {
                rows.clear();
                inTable = true;
            } else if (inTable && !line.startsWith("|---")) {
                if (cells.size() != header.size()) {
                    throw new TableSourceException(log + ": a row has " + cells.size() + " cells for the columns "
                            + header + ": " + line);
                }
                rows.add(cells);
            }
        }
        if (!inTable || rows.isEmpty()) {
            throw new TableSourceException(log + ": no printed table with the columns " + header
                    + "; re-run the benchmark (benchmarks/run.sh NAME)");
        }
        return rows;
    }

    /** The table again, with the same header and the columns of numbers aligned right. */
    static String render(Path log, List<String> header) {
        List<Boolean> right = new ArrayList<>();
        header.forEach(h -> right.add(!h.equals("model")));
        MarkdownTable table = new MarkdownTable(header, right);
        rows(log, header).forEach(table::add);
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
