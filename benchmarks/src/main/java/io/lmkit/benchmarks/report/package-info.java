/**
 * The tables of BENCHMARKS.md, regenerated from the outputs recorded under {@code benchmarks/results/}
 * ({@link io.lmkit.benchmarks.report.BenchmarkTables}), so that a number there can only appear with its evidence.
 *
 * <p><b>Implementation, not public API</b>: a tool of this repository, not published.
 */
package io.lmkit.benchmarks.report;
