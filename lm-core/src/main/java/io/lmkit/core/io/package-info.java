/**
 * Model files: a zip with a checksummed manifest ({@link io.lmkit.core.io.ModelFile}) holding the entries a
 * model writes to a {@link io.lmkit.core.model.ModelDataSink} and its provider reads back from a {@link
 * io.lmkit.core.model.ModelDataSource}; a model made of other models (a saved mixture) stores them whole inside its
 * own file ({@link io.lmkit.core.io.EmbeddedModels}).
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.io;
