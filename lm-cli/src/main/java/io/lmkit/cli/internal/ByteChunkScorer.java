package io.lmkit.cli.internal;

import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramCursor;
import io.lmkit.ngram.NgramModel;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a chunk of whole lines of a text, given as UTF-8 bytes, with an n-gram model, one sentence a
 * line, as {@code eval} reads and scores them (the whitespace tokenizer, blank lines skipped, every word
 * and one {@code </s>} a sentence predicted from {@code <s>}), without a {@code String} or a list per token:
 * an ASCII line is split on ASCII whitespace and its words' bytes looked up in {@link Utf8WordIds}; a line
 * with any other byte is decoded and tokenized as {@code TextLines} and the tokenizer do, so that
 * non-ASCII whitespace and invalid UTF-8 are treated exactly as on the general path.
 *
 * <p>One scorer per thread (it holds an {@link NgramCursor}); what it returns is the caller's.
 */
final class ByteChunkScorer {

    /** Thrown for input the general path must report (a reserved word, invalid UTF-8): the caller falls back. */
    static final class NotHandled extends RuntimeException {
        NotHandled(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The scores of one chunk.
     *
     * @param lnProbs      each token's natural-log probability, the sentences' words and {@code </s>} in order
     * @param tokenIds     each token's word id, -1 for {@code </s>}
     * @param tokens       how many entries of the two arrays are used
     * @param sentenceEnds the token index after each sentence's {@code </s>}
     * @param sentences    how many entries of {@code sentenceEnds} are used
     * @param unknownWords words outside the vocabulary (a written {@code <unk>} is not one)
     */
    record Scored(double[] lnProbs, int[] tokenIds, int tokens, int[] sentenceEnds, int sentences,
                  long unknownWords) {
    }

    private final NgramCursor cursor;
    private final Utf8WordIds ids;
    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final CharsetDecoder decoder;
    private final int unk;
    private final int bos;
    private final int eos;

    private double[] lnProbs;
    private int[] tokenIds;
    private int tokens;
    private int[] sentenceEnds;
    private int sentences;
    private long unknownWords;

    ByteChunkScorer(NgramModel model, Utf8WordIds ids, Tokenizer whitespace, InvalidUtf8 invalid) {
        this.cursor = model.cursor();
        this.ids = ids;
        this.vocabulary = model.vocabulary();
        this.tokenizer = whitespace;
        CodingErrorAction action = invalid == InvalidUtf8.REPLACE ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        this.unk = vocabulary.unk();
        this.bos = vocabulary.bos();
        this.eos = vocabulary.eos();
    }

    /**
     * Scores the lines of {@code text[0, length)}, which ends at a line end or at the end of the file.
     *
     * @param firstOfFile whether the chunk starts the file (whose first line may start with a byte-order mark)
     * @param recycled    the scores of an earlier chunk that are no longer needed, whose arrays are reused
     *                    (so that scoring a long file allocates little), or null
     * @throws NotHandled for a reserved word ({@code <s>}, {@code </s>}) or invalid UTF-8 the policy refuses
     */
    Scored score(byte[] text, int length, boolean firstOfFile, Scored recycled) {
        // Text has a token every 4 to 6 bytes (Brown's 4.4 with its </s>); a third of the bytes is room enough
        // for most chunks (a chunk that needs more grows its arrays), so that the arrays are made once.
        // Sized by the array, not by this chunk's length, which varies with where its last line ends: the
        // arrays of earlier chunks then fit every later one and are reused, not made anew.
        int capacity = Math.max(16, text.length / 3);
        lnProbs = recycled != null && recycled.lnProbs().length >= capacity ? recycled.lnProbs() : new double[capacity];
        tokenIds = recycled != null && recycled.tokenIds().length >= capacity ? recycled.tokenIds() : new int[capacity];
        sentenceEnds = recycled != null ? recycled.sentenceEnds() : new int[Math.max(16, length / 32)];
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
        scoreTokens();
        return new Scored(lnProbs, tokenIds, tokens, sentenceEnds, sentences, unknownWords);
    }

    /**
     * Scores every token of the chunk in order, each sentence from {@code <s>}. (Scoring two or four
     * sentences side by side, so that their independent cache misses in the model's tables overlap, made
     * no difference on the 2-core machine, so one cursor does it.)
     */
    private void scoreTokens() {
        cursor.begin();
        for (int t = 0; t < tokens; t++) {
            int id = tokenIds[t];
            if (id < 0) {
                lnProbs[t] = cursor.nextLn(eos);
                cursor.begin();
            } else {
                lnProbs[t] = cursor.nextLn(id);
            }
        }
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

    /** Adds a word of the current sentence (scored when the sentence ends). */
    private void word(int id) {
        if (id == bos || id == eos) {
            throw new NotHandled("a reserved word in the text");
        }
        if (tokens + 1 >= tokenIds.length) {
            grow();
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

    private void grow() {
        lnProbs = Arrays.copyOf(lnProbs, 2 * tokenIds.length);
        tokenIds = Arrays.copyOf(tokenIds, 2 * tokenIds.length);
    }

    /** The ASCII characters the whitespace tokenizer splits on (Character.isWhitespace or isSpaceChar). */
    private static boolean asciiSpace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }
}
