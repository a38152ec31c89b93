package io.lmkit.core.corpus;

import io.lmkit.core.text.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sentence per line, split into words by a {@link Tokenizer}; blank lines are skipped.
 * This is the format of the written Brown splits and of Mikolov's Penn Treebank files.
 */
public final class PlainTextSentences implements SentenceReader {

    private final Tokenizer tokenizer;

    /** Reads sentences whose words {@code tokenizer} finds. */
    public PlainTextSentences(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    @Override
    public void read(Path file, SentenceConsumer consumer) {
        TextLines.forEach(file, (line, lineNo) -> {
            List<String> words = tokenizer.tokenize(line);
            if (!words.isEmpty()) {
                consumer.accept(words, lineNo);
            }
        });
    }
}
