/**
 * Saved mixtures: a linear mixture of model files written as one model file that embeds them
 * ({@link io.lmkit.eval.mixture.MixtureModel}, made by {@code lmkit mix}), and the {@code mixture} plugin that reads
 * it back ({@link io.lmkit.eval.mixture.MixtureProvider}), so that every command loads it like any model.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval.mixture;
