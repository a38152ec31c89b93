package io.lmkit.eval;

/**
 * The perplexity of a model on a corpus, per predicted token (words plus one {@code </s>} per
 * sentence), never per sentence.
 *
 * @param perplexity            exp(cross-entropy in nats); {@code +Infinity} when some token has
 *                              probability 0
 * @param bitsPerToken          cross-entropy in bits per token, log2 of the perplexity
 * @param tokens                predicted tokens: words + sentences
 * @param words                 words of the corpus, without {@code </s>}
 * @param sentences             sentences of the corpus
 * @param unknownWords          words of the source text that were outside the vocabulary
 * @param zeroProbabilityTokens tokens the model gave probability 0 (an MLE model on unseen events)
 * @param sentenceLnProbs       natural-log probability of each sentence, {@code </s>} included, for
 *                              paired significance tests; copied on access
 * @param unkTokens             tokens that are {@code <unk>}: the words outside the vocabulary and
 *                              those written {@code <unk>} in the text (brown-v1's test split has 14,799)
 * @param perplexityExcludingUnk the perplexity over the {@code tokens − unkTokens} tokens that are not
 *                              {@code <unk>}, whose probabilities alone are summed: SRILM's
 *                              {@code ngram -ppl} convention and KenLM's "Perplexity excluding OOVs";
 *                              NaN when every token is {@code <unk>}
 */
public record PerplexityResult(double perplexity, double bitsPerToken, long tokens, long words, int sentences,
                               long unknownWords, long zeroProbabilityTokens, double[] sentenceLnProbs,
                               long unkTokens, double perplexityExcludingUnk) {

    /** Copies the per-sentence array so the result is a value. */
    public PerplexityResult {
        sentenceLnProbs = sentenceLnProbs.clone();
    }

    @Override
    public double[] sentenceLnProbs() {
        return sentenceLnProbs.clone();
    }

    /** The total natural-log probability of the corpus. */
    public double totalLnProb() {
        double sum = 0;
        for (double v : sentenceLnProbs) {
            sum += v;
        }
        return sum;
    }

    /** Cross-entropy in nats per token. */
    public double crossEntropyNats() {
        return bitsPerToken * Math.log(2);
    }
}
