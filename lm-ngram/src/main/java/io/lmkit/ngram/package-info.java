/**
 * Count-based n-gram models as {@link io.lmkit.core.model.LanguageModel}s: the backoff {@link
 * io.lmkit.ngram.NgramModel} (every smoothed model ends up as one), the full-context count model, their
 * builders, size statistics and sparsity diagnostics.
 *
 * <p><b>Public API</b> of lm-ngram: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.ngram;
