/**
 * The compute-backend SPI: {@link io.lmkit.neural.backend.ComputeBackend} and its tensors, the {@link
 * io.lmkit.neural.backend.BackendProvider} plugins, and their discovery and choice ({@link
 * io.lmkit.neural.backend.Backends}).
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.backend;
