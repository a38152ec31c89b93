package io.lmkit.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table being built: a header, an alignment per column ({@code true} for numbers, aligned right)
 * and rows of cells.
 */
final class MarkdownTable {

    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> header, List<Boolean> rightAligned) {
        if (header.size() != rightAligned.size()) {
            throw new IllegalArgumentException("a table needs one alignment per column: " + header);
        }
        this.header = List.copyOf(header);
        this.rightAligned = List.copyOf(rightAligned);
    }

    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("a row has " + row.size() + " cells for the columns " + header);
        }
        rows.add(List.copyOf(row));
    }

    /** The table's lines, each ending with a line end. */
    String text() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        List<String> rule = new ArrayList<>();
        for (boolean right : rightAligned) {
            rule.add(right ? "---:" : "---");
        }
        rule(out, rule);
        for (List<String> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    /** The rule line as the rest of BENCHMARKS.md writes it, "|---|---:|", without padding. */
    private static void rule(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(cell).append('|');
        }
        out.append('\n');
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}
