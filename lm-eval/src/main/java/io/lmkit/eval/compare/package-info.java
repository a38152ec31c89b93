/**
 * Head-to-head comparison of model plugins on the same splits and vocabulary, and its report (with its plots,
 * {@link io.lmkit.eval.compare.ComparisonPlots}, and where the results came from, {@link
 * io.lmkit.eval.compare.Provenance}).
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.compare;
