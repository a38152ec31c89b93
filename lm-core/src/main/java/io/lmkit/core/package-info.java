/**
 * The root of lmkit: {@link io.lmkit.core.LmkitException}, the one exception type whose message names the
 * bad input and the fix, the running version, and {@link io.lmkit.core.NamedPlugin}, what every kind of
 * plugin (model, tokenizer, compute backend) is found by.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core;
