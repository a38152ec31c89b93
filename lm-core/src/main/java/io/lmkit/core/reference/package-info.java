/**
 * The {@code uniform} and {@code unigram} reference models: baselines, and small examples of the plugin
 * SPI.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.reference;
