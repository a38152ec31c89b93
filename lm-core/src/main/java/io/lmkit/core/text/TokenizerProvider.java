package io.lmkit.core.text;

import io.lmkit.core.NamedPlugin;

/**
 * Makes a {@link Tokenizer}; one per tokenization scheme, listed in
 * {@code META-INF/services/io.lmkit.core.text.TokenizerProvider}.
 */
public interface TokenizerProvider extends NamedPlugin {

    /** A new tokenizer of this scheme. */
    Tokenizer create();
}
