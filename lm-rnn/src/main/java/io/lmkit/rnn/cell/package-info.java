/**
 * Recurrent cells (Elman, LSTM, GRU): one time step forward and backward.
 *
 * <p><b>Public API</b> of lm-rnn: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.rnn.cell;
