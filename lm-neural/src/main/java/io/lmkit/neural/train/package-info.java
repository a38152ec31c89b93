/**
 * The training loop every neural model shares: minibatches, validation, early stopping, budgets, atomic
 * checkpoints with exact resume, and the NaN guard.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.train;
