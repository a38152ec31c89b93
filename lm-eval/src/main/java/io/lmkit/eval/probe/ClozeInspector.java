package io.lmkit.eval.probe;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloze probes as part of a comparison: every model of the comparison is scored on one suite
 * right after it is evaluated, and the report gets one section with every model side by side
 * (accuracy per category, then each item's rank and margin).
 *
 * <p>One instance serves one comparison: it keeps the per-model results until {@link #summary}.
 */
public final class ClozeInspector implements ModelInspector {

    private final ClozeSuite suite;
    private final ClozeProbe probe = new ClozeProbe();
    private final List<ClozeModelResult> results = new ArrayList<>();

    /** An inspector scoring {@code suite} (e.g. {@link ClozeSuite#defaultSuite()} or a user's file). */
    public ClozeInspector(ClozeSuite suite) {
        this.suite = suite;
    }

    @Override
    public Inspection inspect(String label, LanguageModel model, Corpus test) {
        results.add(probe.score(label, model, suite));
        return Inspection.NONE;
    }

    /** The cloze section, or none when no model was probed. */
    @Override
    public List<ReportSection> summary() {
        if (results.isEmpty()) {
            return List.of();
        }
        ClozeReport report = report();
        String markdown = report.toMarkdown();
        // The report section brings its own heading; the comparison report writes the title itself.
        String body = markdown.startsWith("## ") ? markdown.substring(markdown.indexOf('\n') + 1) : markdown;
        return List.of(new ReportSection("Cloze probes (" + suite.name() + ", " + suite.items().size() + " items)",
                body));
    }

    /** Every probed model's results so far, in the order they were inspected. */
    public ClozeReport report() {
        return new ClozeReport(suite, results);
    }
}
