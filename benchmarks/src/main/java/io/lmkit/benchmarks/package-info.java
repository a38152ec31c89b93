/**
 * JMH benchmarks and the benchmark commands behind BENCHMARKS.md.
 *
 * <p><b>Implementation, not public API</b>: a tool of this repository, not published. Its classes may
 * change or move in any release; do not depend on them.
 */
package io.lmkit.benchmarks;
