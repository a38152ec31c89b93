/**
 * The causal Transformer language model: its settings, the network over the blocks, training
 * through lm-neural's loop, and the model on lmkit's state API with a key/value cache.
 */
package io.lmkit.transformer.model;
