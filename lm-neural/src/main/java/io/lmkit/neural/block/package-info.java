/**
 * Differentiable building blocks with explicit backward passes: embedding, linear layer, dropout.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.block;
