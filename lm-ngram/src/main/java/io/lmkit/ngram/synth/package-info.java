/**
 * Synthetic corpora with realistic statistics, for measuring estimation at scale: sentences drawn from
 * an n-gram model, with the unknown word replaced by words of an open-ended Zipf-Mandelbrot vocabulary.
 *
 * <p><b>Public API</b> of lm-ngram (docs/API.md).
 */
package io.lmkit.ngram.synth;
