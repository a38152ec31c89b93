/**
 * ARPA files as KenLM and SRILM write and read them: {@link io.lmkit.ngram.arpa.ArpaReader} and {@link
 * io.lmkit.ngram.arpa.ArpaWriter}.
 *
 * <p><b>Public API</b> of lm-ngram: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.ngram.arpa;
