/**
 * The comparison report's parts (provenance, plots, sections) and lmkit's JSON and CSV writing
 * ({@link io.lmkit.eval.report.JsonOutput}, {@link io.lmkit.eval.report.CsvTables}), shared by the command
 * line, the probes and the comparison report.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.report;
