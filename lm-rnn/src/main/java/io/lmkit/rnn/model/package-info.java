/**
 * Recurrent language models: the {@code rnn}, {@code lstm} and {@code gru} plugins, their config,
 * truncated-BPTT training and gradient-flow diagnostics.
 *
 * <p><b>Public API</b> of lm-rnn: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.rnn.model;
