/**
 * The built-in tokenizers (whitespace, words, characters), found by name through {@link
 * io.lmkit.core.text.TokenizerProvider}.
 *
 * <p><b>Implementation, not public API</b>: use them through the tokenizer SPI and their names. Its
 * classes may change or move in any release; do not depend on them.
 */
package io.lmkit.core.text.internal;
