package io.lmkit.core.text;

import java.util.List;

/**
 * Splits one line of text into tokens. Implementations are stateless and thread-safe.
 *
 * <p>A token never contains whitespace and is never empty, so tokens can be written back one
 * per line or separated by spaces without ambiguity.
 */
@FunctionalInterface
public interface Tokenizer {

    /** The tokens of {@code line}, in order; an empty list for a blank line. */
    List<String> tokenize(String line);
}
