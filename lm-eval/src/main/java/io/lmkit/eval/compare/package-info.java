/**
 * Head-to-head comparison of model plugins on the same splits and vocabulary, and its report.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.compare;
