package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * How often scoring backs off, from {@code lmkit ngram stats --test} in the log of
 * {@code benchmarks/run.sh ngram-backoff}: per order, the test text's n-grams, the share never seen in
 * training and the share of tokens scored at that order.
 */
final class NgramBackoffTable {

    private NgramBackoffTable() {
    }

    static String render(Path log) {
        NgramStatsLog.Model model = NgramStatsLog.read(log).stream().filter(m -> !m.sparsity().isEmpty()).findFirst()
                .orElseThrow(() -> new TableSourceException(log + ": no sparsity report; run 'lmkit ngram stats'"
                        + " with --test (benchmarks/run.sh ngram-backoff)"));
        MarkdownTable table = new MarkdownTable(List.of("order", "n-grams in the test split",
                "never seen in training", "tokens scored at this order"), List.of(true, true, true, true));
        for (NgramStatsLog.SparsityRow row : model.sparsity()) {
            table.add(List.of(row.order(), row.ngrams(), row.unseen(), row.scoredAt()));
        }
        return table.text();
    }
}
