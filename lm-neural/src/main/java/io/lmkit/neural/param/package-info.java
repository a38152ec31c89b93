/**
 * Trainable parameters, their store and files, and finite-difference gradient checks.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.param;
