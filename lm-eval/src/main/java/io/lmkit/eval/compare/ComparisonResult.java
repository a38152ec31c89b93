package io.lmkit.eval.compare;

import io.lmkit.eval.report.ReportSection;
import java.util.List;

/**
 * Everything a comparison measured: one row per model and mixture, the learning curves, the
 * paired bootstrap of every pair, and the sections the inspectors contributed.
 *
 * @param rows        models then mixtures, in config order
 * @param curves      the learning curve of every model that validated during training
 * @param differences the paired bootstrap of every pair of rows with a finite test perplexity
 * @param sections    sections from the {@link ModelInspector}s, in order
 * @param models      the model file of every model entry, in config order, when the outputs keep
 *                    them ({@code models}); empty otherwise
 */
public record ComparisonResult(List<ComparisonRow> rows, List<LearningCurve> curves,
                               List<PairedDifference> differences, List<ReportSection> sections,
                               List<KeptModel> models) {

    /** Copies the lists. */
    public ComparisonResult {
        rows = List.copyOf(rows);
        curves = List.copyOf(curves);
        differences = List.copyOf(differences);
        sections = List.copyOf(sections);
        models = List.copyOf(models);
    }

    /** A result that keeps no model files. */
    public ComparisonResult(List<ComparisonRow> rows, List<LearningCurve> curves,
                            List<PairedDifference> differences, List<ReportSection> sections) {
        this(rows, curves, differences, sections, List.of());
    }

    /** The row labelled {@code label}. */
    public ComparisonRow row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + label + "'; rows: "
                        + rows.stream().map(ComparisonRow::label).toList()));
    }
}
