/**
 * Model files: a zip with a checksummed manifest ({@link io.lmkit.core.io.ModelFile}), the entry streams a
 * model writes and reads back, and atomic file writes ({@link io.lmkit.core.io.AtomicFiles}).
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.io;
