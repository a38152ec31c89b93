package io.lmkit.core.corpus;

import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextLines;
import io.lmkit.core.text.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sentence per line, split into words by a {@link Tokenizer}; blank lines are skipped.
 * Lines end with {@code \n} or {@code \r\n}; a leading UTF-8 byte-order mark is dropped.
 * This is the format of the written Brown splits and of Mikolov's Penn Treebank files.
 */
public final class PlainTextSentences implements SentenceReader {

    private final Tokenizer tokenizer;
    private final InvalidUtf8 invalidUtf8;

    /** Reads sentences whose words {@code tokenizer} finds; invalid UTF-8 is an error. */
    public PlainTextSentences(Tokenizer tokenizer) {
        this(tokenizer, InvalidUtf8.FAIL);
    }

    /** Reads sentences whose words {@code tokenizer} finds, treating invalid UTF-8 as {@code invalidUtf8} says. */
    public PlainTextSentences(Tokenizer tokenizer, InvalidUtf8 invalidUtf8) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.invalidUtf8 = Objects.requireNonNull(invalidUtf8, "invalidUtf8");
    }

    @Override
    public void read(Path file, SentenceConsumer consumer) {
        TextLines.forEach(file, "corpus file", invalidUtf8, (line, lineNo) -> {
            List<String> words = tokenizer.tokenize(line);
            if (!words.isEmpty()) {
                consumer.accept(words, lineNo);
            }
        });
    }
}
