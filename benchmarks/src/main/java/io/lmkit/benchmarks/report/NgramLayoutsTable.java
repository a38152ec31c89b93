package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The same model in each layout, from the log of {@code benchmarks/run.sh ngram-layouts}: per model file its
 * layout, the file's bytes, the tables' bytes and the test perplexity with every digit {@code eval --json}
 * gives (so that an exact layout shows as the same digits).
 */
final class NgramLayoutsTable {

    private NgramLayoutsTable() {
    }

    static String render(Path log) {
        MarkdownTable table = new MarkdownTable(List.of("file", "layout", "file (bytes)", "tables (bytes)",
                "test perplexity"), List.of(false, false, true, true, true));
        for (NgramStatsLog.Model model : NgramStatsLog.read(log)) {
            table.add(List.of("`" + model.file() + "`", model.layout(), Numbers.grouped(model.fileBytes()),
                    Numbers.grouped(model.tableBytes()), model.perplexity().orElseThrow(() -> new TableSourceException(
                            log + ": no 'eval --json' line for " + model.file() + "; re-run benchmarks/run.sh"
                                    + " ngram-layouts"))));
        }
        return table.text();
    }
}
