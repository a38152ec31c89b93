/**
 * What a neural model can show about how it predicts, beyond its probabilities: the attention
 * weights of an attention model and the flow of gradients back through earlier positions. The
 * CLI's {@code attention} and {@code gradients} commands and the comparison report read models
 * only through these interfaces, so any model family (or a user's plugin) can offer them.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.inspect;
