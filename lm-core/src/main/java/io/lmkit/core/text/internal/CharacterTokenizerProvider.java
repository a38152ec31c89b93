package io.lmkit.core.text.internal;

import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.TokenizerProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Unicode code point is a token, for character-level models. Runs of whitespace become one
 * token {@value #SPACE} (U+2581, as SentencePiece writes a space), so tokens stay whitespace-free;
 * leading and trailing whitespace is dropped.
 */
public final class CharacterTokenizerProvider implements TokenizerProvider {

    /** The token that stands for a run of whitespace between words. */
    public static final String SPACE = "\u2581";

    @Override
    public String name() {
        return "characters";
    }

    @Override
    public String description() {
        return "one token per Unicode code point, whitespace runs as \u2581; for character-level models";
    }

    @Override
    public Tokenizer create() {
        return CharacterTokenizerProvider::split;
    }

    static List<String> split(String line) {
        String text = line.strip();
        List<String> tokens = new ArrayList<>(text.length());
        boolean inSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!inSpace) {
                    tokens.add(SPACE);
                }
                inSpace = true;
            } else {
                tokens.add(new String(Character.toChars(cp)));
                inSpace = false;
            }
        }
        return tokens;
    }
}
