/**
 * The state-passing {@link io.lmkit.core.model.LanguageModel} API that every model family implements and
 * every evaluator, sampler and comparison uses.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.model;
