package io.lmkit.cli.internal;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextFiles;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A text file read into a {@link Corpus} as bytes ({@link LineChunks}, {@link Utf8Sentences}): the corpus
 * {@code Corpus.read} makes with {@link io.lmkit.core.corpus.PlainTextSentences} and the whitespace tokenizer,
 * id for id, without a {@code String} or a list per word of an ASCII line. Reading brown-v1's training split
 * this way is most of what made {@code Corpus.read} half of the main thread's time in an order-3 estimation.
 */
final class Utf8Corpus {

    private Utf8Corpus() {
    }

    /**
     * The corpus of {@code file}, or empty when the general reader must report on it: a line over the length
     * limit or no sentence at all.
     *
     * @throws Utf8Sentences.NotHandled for a reserved word or invalid UTF-8 the policy refuses (the caller
     *                                  falls back to the general reader, which names the line)
     */
    static Optional<Corpus> read(Path file, Vocabulary vocabulary, Tokenizer whitespace, InvalidUtf8 invalid)
            throws IOException {
        Utf8Sentences splitter = new Utf8Sentences(new Utf8WordIds(vocabulary), vocabulary, whitespace, invalid);
        int[] ids = new int[1 << 16];
        int[] starts = new int[1 << 12];
        int words = 0;
        int sentences = 0;
        long unknown = 0;
        Utf8Sentences.Tokens tokens = null;
        try (InputStream in = TextFiles.open(file)) {
            LineChunks chunks = new LineChunks(in);
            boolean first = true;
            for (boolean end = false; !end; first = false) {
                LineChunks.Chunk chunk = chunks.next();
                if (chunk == null) {
                    return Optional.empty();
                }
                end = chunk.last();
                tokens = splitter.split(chunk.text(), chunk.length(), first, tokens);
                chunks.recycle(chunk.text());
                unknown += tokens.unknownWords();
                int[] t = tokens.tokenIds();
                if (words + (long) tokens.tokens() > Integer.MAX_VALUE - 8) {
                    return Optional.empty(); // the general reader names the line where 2^31 words are passed
                }
                if (words + tokens.tokens() > ids.length) {
                    ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max(words + (long) tokens.tokens(), 2L * ids.length)));
                }
                if (sentences + tokens.sentences() + 1 > starts.length) {
                    starts = Arrays.copyOf(starts, Math.max(sentences + tokens.sentences() + 1, 2 * starts.length));
                }
                for (int i = 0; i < tokens.tokens(); i++) {
                    if (t[i] < 0) {
                        starts[++sentences] = words; // the </s> of a sentence: the next one starts here
                    } else {
                        ids[words++] = t[i];
                    }
                }
            }
        }
        if (sentences == 0) {
            return Optional.empty();
        }
        return Optional.of(Corpus.ofIds(vocabulary, Arrays.copyOf(ids, words), Arrays.copyOf(starts, sentences + 1),
                unknown));
    }
}
