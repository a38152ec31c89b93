/**
 * Optimisers (SGD with momentum or Nesterov, Adagrad, RMSProp, Adam, AdamW), learning-rate schedules and
 * gradient clipping.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.optim;
