/**
 * JSON output of results, shared by the command line and the comparison report.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.report;
