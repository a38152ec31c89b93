/**
 * The {@code fixed-window} model of Bengio et al. (2003): its plugin, config and model.
 *
 * <p><b>Public API</b> of lm-neural: kept binary compatible between releases once a release exists
 * (checked by japicmp; see docs/API.md).
 */
package io.lmkit.neural.window;
