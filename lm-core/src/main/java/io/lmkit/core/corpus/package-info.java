/**
 * Text in, ids out: {@link io.lmkit.core.corpus.Corpus} (the word ids of a text with sentence offsets),
 * the sentence readers for plain and Brown-tagged text, word counting and the brown-v1 splits.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.corpus;
