/**
 * What every lmkit report is written with: sections ({@link io.lmkit.eval.report.ReportSection}), the chart
 * style, and lmkit's JSON and CSV writing ({@link io.lmkit.eval.report.JsonOutput}, {@link
 * io.lmkit.eval.report.CsvTables}), shared by the command line, the probes and the comparison report. It knows
 * no comparison: the comparison's own plots and provenance are in {@code io.lmkit.eval.compare}.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.report;
