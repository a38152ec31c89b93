package io.lmkit.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.PluginRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizersTest {

    private final PluginRegistry<TokenizerProvider> tokenizers = PluginRegistry.discover(
            TokenizerProvider.class, getClass().getClassLoader(), "tokenizer", "");

    private List<String> tokens(String tokenizer, String line) {
        return tokenizers.get(tokenizer).create().tokenize(line);
    }

    @Test
    void theThreeBuiltInTokenizersAreFoundByServiceLoader() {
        assertEquals(List.of("characters", "whitespace", "words"),
                tokenizers.all().stream().map(TokenizerProvider::name).toList());
    }

    @Test
    void whitespaceSplitsOnRunsOfAnyWhitespace() {
        assertEquals(List.of("The", "cat's", "mat,", "1/2"), tokens("whitespace", "  The\tcat's \u00A0mat,  1/2 \r"));
        assertEquals(List.of(), tokens("whitespace", " \t "));
    }

    @Test
    void charactersAreCodePointsWithWhitespaceRunsAsOneToken() {
        assertEquals(List.of("a", "\u2581", "b", "\uD835\uDC00"), tokens("characters", " a  b\uD835\uDC00 "));
        assertEquals(List.of("日", "本"), tokens("characters", "日本"));
    }

    @Test
    void wordsSeparatePunctuationButKeepContractionsHyphensAndNumbers() {
        assertEquals(List.of("Don't", "panic", ",", "e-mail", "me", "3.14", "or", "1,000", "times", "!"),
                tokens("words", "Don't panic, e-mail me 3.14 or 1,000 times!"));
        assertEquals(List.of("Grüße", "aus", "Köln", "—", "日本語", "«", "ok", "»"),
                tokens("words", "Grüße aus Köln — 日本語 «ok»"));
        assertEquals(List.of("end", "."), tokens("words", "end."));
    }

    @Test
    void anUnknownTokenizerNameListsTheAvailableOnes() {
        String m = org.junit.jupiter.api.Assertions.assertThrows(LmkitException.class,
                () -> tokenizers.get("bpe")).getMessage();
        assertTrue(m.contains("No tokenizer 'bpe'; available: [characters, whitespace, words]"), m);
    }
}
