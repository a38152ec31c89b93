package io.lmkit.core.text.internal;

import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.TokenizerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words and punctuation for raw text in any script: a word is a run of letters, marks and digits
 * that may contain inner apostrophes or hyphens ({@code don't}, {@code e-mail}) and, between
 * digits, periods and commas ({@code 3.14}, {@code 1,000}); every other non-space character is a token of its own.
 */
public final class WordTokenizerProvider implements TokenizerProvider {

    private static final Pattern TOKEN = Pattern.compile(
            "[\\p{L}\\p{M}\\p{N}]+(?:['\u2019\\-][\\p{L}\\p{M}\\p{N}]+|[.,]\\p{N}+)*|[^\\p{Z}\\s]",
            Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public String name() {
        return "words";
    }

    @Override
    public String description() {
        return "Unicode-aware words and punctuation, for raw text";
    }

    @Override
    public Tokenizer create() {
        return WordTokenizerProvider::split;
    }

    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }
}
