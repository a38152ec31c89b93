/**
 * Files as lmkit reads and writes them: {@link io.lmkit.core.files.TextLines} streams the lines of a UTF-8
 * text file strictly ({@link io.lmkit.core.files.InvalidUtf8} says what to do with bad bytes), and {@link
 * io.lmkit.core.files.AtomicFiles} writes a file whole or not at all. The bottom layer that vocabularies,
 * corpora and model files all use, so it depends on nothing but {@code io.lmkit.core}.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.files;
