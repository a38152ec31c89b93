package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextLines;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tagged layout of the Brown corpus files ({@code ca01} ... {@code cr09}): one sentence per
 * non-blank line, tokens {@code word/TAG} separated by whitespace. The word is everything before
 * the <em>last</em> slash, so {@code 1/2/cd} is the word {@code 1/2}; case is kept.
 */
public final class BrownTaggedSentences implements SentenceReader {

    private final Tokenizer whitespace = new WhitespaceTokenizerProvider().create();

    @Override
    public void read(Path file, SentenceConsumer consumer) {
        TextLines.forEach(file, "corpus file", InvalidUtf8.FAIL, (line, lineNo) -> {
            List<String> tokens = whitespace.tokenize(line);
            if (tokens.isEmpty()) {
                return;
            }
            List<String> words = new ArrayList<>(tokens.size());
            for (String token : tokens) {
                words.add(word(token, file, lineNo));
            }
            consumer.accept(words, lineNo);
        });
    }

    /** The word of a {@code word/TAG} token. */
    static String word(String token, Path file, long lineNo) {
        int slash = token.lastIndexOf('/');
        if (slash <= 0) {
            throw new LmkitException(file + ":" + lineNo + ": token '" + token + "' is not word/TAG;"
                    + " is this a Brown tagged file? Plain text needs the plain-text reader");
        }
        return token.substring(0, slash);
    }
}
