package io.lmkit.cli.internal;

import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.ngram.NgramCursor;
import io.lmkit.ngram.NgramModel;

/**
 * Scores a chunk of whole lines of a text, given as UTF-8 bytes, with an n-gram model, one sentence a
 * line, as {@code eval} reads and scores them (every word and one {@code </s>} a sentence predicted from
 * {@code <s>}): the lines are split into word ids by {@link Utf8Sentences}, without a {@code String} or a
 * list per token, then scored with one {@link NgramCursor}.
 *
 * <p>One scorer per thread (it holds a cursor); what it returns is the caller's.
 */
final class ByteChunkScorer {

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
    private final Utf8Sentences splitter;
    private final int eos;

    ByteChunkScorer(NgramModel model, Utf8WordIds ids, Tokenizer whitespace, InvalidUtf8 invalid) {
        this.cursor = model.cursor();
        this.splitter = new Utf8Sentences(ids, model.vocabulary(), whitespace, invalid);
        this.eos = model.vocabulary().eos();
    }

    /**
     * Scores the lines of {@code text[0, length)}, which ends at a line end or at the end of the file.
     *
     * @param firstOfFile whether the chunk starts the file (whose first line may start with a byte-order mark)
     * @param recycled    the scores of an earlier chunk that are no longer needed, whose arrays are reused
     *                    (so that scoring a long file allocates little), or null
     * @throws Utf8Sentences.NotHandled for a reserved word ({@code <s>}, {@code </s>}) or invalid UTF-8 the policy
     *                                  refuses
     */
    Scored score(byte[] text, int length, boolean firstOfFile, Scored recycled) {
        Utf8Sentences.Tokens t = splitter.split(text, length, firstOfFile, recycled == null ? null
                : new Utf8Sentences.Tokens(recycled.tokenIds(), 0, recycled.sentenceEnds(), 0, 0));
        // As long as the ids' array, so that the next chunks that fit it reuse this one too.
        double[] lnProbs = recycled != null && recycled.lnProbs().length >= t.tokens() ? recycled.lnProbs()
                : new double[t.tokenIds().length];
        scoreTokens(t.tokenIds(), t.tokens(), lnProbs);
        return new Scored(lnProbs, t.tokenIds(), t.tokens(), t.sentenceEnds(), t.sentences(), t.unknownWords());
    }

    /**
     * Scores every token of the chunk in order, each sentence from {@code <s>}. (Scoring two or four
     * sentences side by side, so that their independent cache misses in the model's tables overlap, made
     * no difference on the 2-core machine, so one cursor does it.)
     */
    private void scoreTokens(int[] tokenIds, int tokens, double[] lnProbs) {
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
}
