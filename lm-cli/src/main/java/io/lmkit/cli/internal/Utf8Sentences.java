package io.lmkit.cli.internal;

import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.vocab.Vocabulary;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a chunk of whole lines of a text, given as UTF-8 bytes, into the word ids of its sentences, one
 * sentence a line, as {@link io.lmkit.core.corpus.PlainTextSentences} with the whitespace tokenizer and the
 * vocabulary would (blank lines skipped, a leading byte-order mark dropped, words outside the vocabulary
 * {@code <unk>}), without a {@code String} or a list per token: an ASCII line is split on ASCII whitespace
 * and its words' bytes looked up in {@link Utf8WordIds}; a line with any other byte is decoded and tokenized
 * as {@code TextLines} and the tokenizer do, so that non-ASCII whitespace and invalid UTF-8 are treated
 * exactly as on the general path. The n-gram fast paths read text this way ({@link ByteChunkScorer},
 * {@link Utf8Corpus}).
 *
 * <p>One splitter per thread; what it returns is the caller's.
 */
final class Utf8Sentences {

    /** Thrown for input the general path must report (a reserved word, invalid UTF-8): the caller falls back. */
    static final class NotHandled extends RuntimeException {
        NotHandled(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The sentences of one chunk.
     *
     * @param tokenIds     each sentence's word ids followed by -1 for its {@code </s>}, in order
     * @param tokens       how many entries of {@code tokenIds} are used
     * @param sentenceEnds the token index after each sentence's {@code </s>}
     * @param sentences    how many entries of {@code sentenceEnds} are used
     * @param unknownWords words outside the vocabulary (a written {@code <unk>} is not one)
     */
    record Tokens(int[] tokenIds, int tokens, int[] sentenceEnds, int sentences, long unknownWords) {
    }

    private final Utf8WordIds ids;
    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final CharsetDecoder decoder;
    private final int unk;
    private final int bos;
    private final int eos;

    private int[] tokenIds;
    private int tokens;
    private int[] sentenceEnds;
    private int sentences;
    private long unknownWords;

    Utf8Sentences(Utf8WordIds ids, Vocabulary vocabulary, Tokenizer whitespace, InvalidUtf8 invalid) {
        this.ids = ids;
        this.vocabulary = vocabulary;
        this.tokenizer = whitespace;
        CodingErrorAction action = invalid == InvalidUtf8.REPLACE ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        this.unk = vocabulary.unk();
        this.bos = vocabulary.bos();
        this.eos = vocabulary.eos();
    }

    /**
     * Splits the lines of {@code text[0, length)}, which ends at a line end or at the end of the file.
     *
     * @param firstOfFile whether the chunk starts the file (whose first line may start with a byte-order mark)
     * @param recycled    the tokens of an earlier chunk that are no longer needed, whose arrays are reused
     *                    (so that reading a long file allocates little), or null
     * @throws NotHandled for a reserved word ({@code <s>}, {@code </s>}) or invalid UTF-8 the policy refuses
     */
    Tokens split(byte[] text, int length, boolean firstOfFile, Tokens recycled) {
        // Text has a token every 4 to 6 bytes (Brown's 4.4 with its </s>); a third of the array's bytes is room
        // enough for most chunks (one that needs more grows the arrays). Sized by the array, not by this chunk's
        // length, which varies with where its last line ends, so that earlier chunks' arrays fit later ones.
        int capacity = Math.max(16, text.length / 3);
        tokenIds = recycled != null && recycled.tokenIds().length >= capacity ? recycled.tokenIds() : new int[capacity];
        sentenceEnds = recycled != null ? recycled.sentenceEnds() : new int[Math.max(16, text.length / 32)];
        tokens = 0;
        sentences = 0;
        unknownWords = 0;
        int start = 0;
        boolean first = firstOfFile;
        while (start < length) {
            int end = start;
            while (end < length && text[end] != '\n') {
                end++;
            }
            line(text, start, end, first);
            first = false;
            start = end + 1;
        }
        return new Tokens(tokenIds, tokens, sentenceEnds, sentences, unknownWords);
    }

    /** Encodes the line {@code text[from, to)}, its {@code \n} left out. */
    private void line(byte[] text, int from, int to, boolean firstOfFile) {
        int mark = tokens;
        long unknownBefore = unknownWords;
        int i = from;
        while (i < to) {
            byte b = text[i];
            if (b < 0) {
                // A byte outside ASCII: undo this line's words and read it as the general path does.
                tokens = mark;
                unknownWords = unknownBefore;
                decoded(text, from, to, firstOfFile);
                return;
            }
            if (asciiSpace(b)) {
                i++;
                continue;
            }
            int start = i;
            int h = Utf8WordIds.hashStart();
            while (i < to && (b = text[i]) >= 0 && !asciiSpace(b)) {
                h = Utf8WordIds.hashStep(h, b);
                i++;
            }
            if (i < to && b < 0) {
                continue; // the outer loop sees the non-ASCII byte and starts over
            }
            int id = ids.id(text, start, i, h);
            if (id < 0) {
                id = unk;
                unknownWords++;
            }
            word(id);
        }
        endSentence(mark);
    }

    /** A line with bytes outside ASCII: decoded, then split by the model's tokenizer, word by word. */
    private void decoded(byte[] text, int from, int to, boolean firstOfFile) {
        int end = to > from && text[to - 1] == '\r' ? to - 1 : to;
        String line;
        try {
            line = decoder.decode(ByteBuffer.wrap(text, from, end - from)).toString();
        } catch (CharacterCodingException e) {
            throw new NotHandled("invalid UTF-8");
        }
        if (firstOfFile && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> words = tokenizer.tokenize(line);
        int mark = tokens;
        for (String w : words) {
            int id = vocabulary.id(w);
            if (id == unk && !w.equals(Vocabulary.UNK)) {
                unknownWords++;
            }
            word(id);
        }
        endSentence(mark);
    }

    /** Adds a word of the current sentence. */
    private void word(int id) {
        if (id == bos || id == eos) {
            throw new NotHandled("a reserved word in the text");
        }
        if (tokens + 1 >= tokenIds.length) {
            tokenIds = Arrays.copyOf(tokenIds, 2 * tokenIds.length);
        }
        tokenIds[tokens++] = id;
    }

    /** Ends the sentence whose words start at token {@code mark} with its {@code </s>}; a blank line adds nothing. */
    private void endSentence(int mark) {
        if (tokens == mark) {
            return;
        }
        tokenIds[tokens++] = -1;
        if (sentences == sentenceEnds.length) {
            sentenceEnds = Arrays.copyOf(sentenceEnds, 2 * sentences);
        }
        sentenceEnds[sentences++] = tokens;
    }

    /** The ASCII characters the whitespace tokenizer splits on (Character.isWhitespace or isSpaceChar). */
    private static boolean asciiSpace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }
}
