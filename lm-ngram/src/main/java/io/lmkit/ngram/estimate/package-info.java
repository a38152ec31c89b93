/**
 * The estimators: n-gram counting and every smoothing method (Kneser-Ney and modified Kneser-Ney, Katz,
 * Witten-Bell, absolute discounting, stupid backoff), with pruning.
 *
 * <p><b>Public API</b> of lm-ngram: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.ngram.estimate;
