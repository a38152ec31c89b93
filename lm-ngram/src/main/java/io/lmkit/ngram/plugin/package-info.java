/**
 * The n-gram model plugins ({@code mle}, {@code laplace}, {@code kneser-ney}, {@code modified-kneser-ney},
 * {@code arpa}, ...) and their config records.
 *
 * <p><b>Public API</b> of lm-ngram: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.ngram.plugin;
