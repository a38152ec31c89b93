/**
 * Saved mixtures: a linear mixture of model files written as one model file ({@code lmkit mix}), which every
 * command loads like any model.
 */
package io.lmkit.eval.mixture;
