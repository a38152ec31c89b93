/**
 * The closed {@link io.lmkit.core.vocab.Vocabulary}: words to ids, with {@code <unk>}, {@code <s>} and
 * {@code </s>} at fixed ids.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.vocab;
