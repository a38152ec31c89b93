/**
 * The blocks of a causal Transformer, each with an explicit backward pass on lm-neural's compute
 * backends: layer normalisation, multi-head causal self-attention, the GELU MLP, the pre-LayerNorm
 * residual block, and the position vectors.
 */
package io.lmkit.transformer.block;
