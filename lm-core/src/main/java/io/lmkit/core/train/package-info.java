/**
 * Training contracts shared by every family: {@link io.lmkit.core.train.Trainer}, the training data,
 * progress events and listeners, and the optimizer contract with its saved state.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.train;
