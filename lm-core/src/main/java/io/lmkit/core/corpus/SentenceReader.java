package io.lmkit.core.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * Streams the sentences of a text file one at a time, so that a corpus larger than memory can be
 * counted or encoded without holding its text.
 */
public interface SentenceReader {

    /** Receives one sentence and the 1-based line it came from. */
    @FunctionalInterface
    interface SentenceConsumer {
        /** Called once per sentence, in file order; {@code words} is never empty. */
        void accept(List<String> words, long lineNumber);
    }

    /**
     * Reads every sentence of {@code file} and hands it to {@code consumer}.
     *
     * @throws io.lmkit.core.LmkitException naming the file and line when the file is missing,
     *                                      unreadable, not UTF-8, or breaks the format
     */
    void read(Path file, SentenceConsumer consumer);
}
