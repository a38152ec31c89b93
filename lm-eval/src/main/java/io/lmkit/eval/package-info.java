/**
 * Evaluation of any {@link io.lmkit.core.model.LanguageModel}: perplexity and bits per token ({@link
 * io.lmkit.eval.PerplexityEvaluator}), linear interpolation of two models and sampling.
 *
 * <p><b>Public API</b> of lm-eval: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.eval;
