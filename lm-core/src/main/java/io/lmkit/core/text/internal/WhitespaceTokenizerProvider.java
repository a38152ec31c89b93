package io.lmkit.core.text.internal;

import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.TokenizerProvider;
import java.util.ArrayList;
import java.util.List;

/** Tokens are the runs of non-whitespace characters (Unicode whitespace included). */
public final class WhitespaceTokenizerProvider implements TokenizerProvider {

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public String description() {
        return "tokens separated by runs of whitespace; the format of pre-tokenized corpora";
    }

    @Override
    public Tokenizer create() {
        return WhitespaceTokenizerProvider::split;
    }

    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(line.substring(start, i));
            }
        }
        return tokens;
    }

    private static boolean isSpace(char c) {
        if (c > ' ' && c < 0x7F) {
            return false; // printable ASCII, most of most text: spares the two table lookups below
        }
        // Character.isWhitespace misses the no-break spaces, which are still separators in text.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
