package io.lmkit.eval.report;

/**
 * A section of a comparison report beyond the standard tables: the n-gram sparsity report, probe
 * results, or anything a caller wants in the same report. It appears in the Markdown and HTML
 * pages and in the JSON result.
 *
 * @param title    the section heading, without {@code #}
 * @param markdown the body, in Markdown (GitHub tables allowed)
 */
public record ReportSection(String title, String markdown) {

    /** Validates the title. */
    public ReportSection {
        if (title.isBlank() || title.contains("\n")) {
            throw new IllegalArgumentException("a report section needs a one-line title, got '" + title + "'");
        }
    }
}
