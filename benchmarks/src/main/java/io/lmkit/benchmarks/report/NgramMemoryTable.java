package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Memory of one order's modified Kneser-Ney model under different collectors, from logs of
 * {@code NgramOrderTable}: per run (its label names the collector), the n-grams, the bytes of the packed
 * tables and the heap the model holds after a full GC, from the printed row of the given order.
 */
final class NgramMemoryTable {

    private NgramMemoryTable() {
    }

    static String render(Map<String, Path> runs, String order) {
        MarkdownTable table = new MarkdownTable(List.of("collector", "order", "n-grams", "packed tables",
                "heap the model holds after a full GC"), List.of(false, true, true, true, true));
        runs.forEach((label, log) -> {
            List<String> row = PrintedTable.rows(log, PrintedTable.NGRAM_ORDER).stream()
                    .filter(cells -> cells.get(0).equals(order)).findFirst()
                    .orElseThrow(() -> new TableSourceException(log + ": no row for order " + order
                            + "; run NgramOrderTable with that order or above"));
            table.add(List.of(label, order, row.get(2), row.get(3) + " MB", row.get(4) + " MB"));
        });
        return table.text();
    }
}
