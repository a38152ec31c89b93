/**
 * The state-passing {@link io.lmkit.core.model.LanguageModel} API that every model family implements and
 * every evaluator, sampler and comparison uses, and where a model's learned data goes ({@link
 * io.lmkit.core.model.ModelDataSink}) and comes back from ({@link io.lmkit.core.model.ModelDataSource}).
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.model;
