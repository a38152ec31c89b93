package io.lmkit.eval;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ScoreKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes perplexity the way PROTOCOL.md and SRILM/KenLM define it: every word of every
 * sentence and one {@code </s>} per sentence is predicted, {@code <s>} is context only, and
 * PPL = exp(−(1/N)·Σ ln p) with N = words + sentences. It also reports the perplexity over the
 * tokens that are not {@code <unk>} (SRILM's {@code ngram -ppl} leaves out-of-vocabulary words out
 * of both the sum and N; KenLM's {@code query} prints it as "Perplexity excluding OOVs"), and how
 * many {@code <unk>} tokens there were.
 *
 * <p>It sees the model only through {@link LanguageModel#scoreSentences} (or, under the
 * {@link ScoringProtocol#STREAM stream protocol}, {@link LanguageModel#scoreStream}), so it serves
 * every model family. Per sentence it hands the corpus over in blocks of sentences, which neural
 * models score as one batch; as a stream it hands over the whole split at once, since the context
 * runs through it (the model bounds its own working memory).
 */
public final class PerplexityEvaluator {

    /**
     * Sentences handed to {@link LanguageModel#scoreSentences} at once, and the tokens that end a
     * block sooner: enough for a neural model's batches to fill and for its rows of sentences to come
     * out nearly equally long (a recurrent model's scratch tensors are allocated once a block), while
     * a block's scores stay small (half a megabyte).
     */
    static final int BLOCK_SENTENCES = 4_096;
    static final long BLOCK_TOKENS = 65_536;

    /**
     * Evaluates {@code model} on {@code corpus}.
     *
     * @throws LmkitException when the model gives scores rather than probabilities (perplexity is
     *                        undefined for them), when the corpus uses another vocabulary, or when
     *                        the model returns NaN
     */
    public PerplexityResult evaluate(LanguageModel model, Corpus corpus) {
        return evaluate(model, corpus, ScoringProtocol.SENTENCE);
    }

    /**
     * Evaluates {@code model} on {@code corpus} under {@code protocol}: the same tokens and counts
     * either way, only the context of each sentence's first words differs.
     *
     * @throws LmkitException as {@link #evaluate(LanguageModel, Corpus)}
     */
    public PerplexityResult evaluate(LanguageModel model, Corpus corpus, ScoringProtocol protocol) {
        if (model.scoreKind() != ScoreKind.PROBABILITY) {
            throw new LmkitException("this model's numbers are scores, not probabilities (e.g. stupid backoff),"
                    + " so they have no perplexity; compare it by ranking or generation, or choose a normalised"
                    + " model such as modified-kneser-ney");
        }
        if (!model.vocabulary().equals(corpus.vocabulary())) {
            throw new LmkitException("the corpus was encoded with another vocabulary than the model's; read the"
                    + " evaluation text with the model's vocabulary");
        }
        corpus.requireNonEmpty("the evaluation corpus");
        int sentences = corpus.sentenceCount();
        double[] perSentence = new double[sentences];
        double total = 0;
        long zero = 0;
        UnkTally unk = new UnkTally(model.vocabulary().unk());
        // A stream is one block: the context runs through the whole split.
        boolean stream = protocol == ScoringProtocol.STREAM;
        for (int first = 0; first < sentences; ) {
            List<int[]> block = new ArrayList<>();
            long blockTokens = 0;
            while (first + block.size() < sentences
                    && (stream || block.size() < BLOCK_SENTENCES && blockTokens < BLOCK_TOKENS)) {
                int[] words = corpus.sentence(first + block.size());
                block.add(words);
                blockTokens += words.length + 1;
            }
            List<double[]> scored = protocol.score(model, block);
            for (int b = 0; b < block.size(); b++) {
                int s = first + b;
                double[] lnProbs = scored.get(b);
                double sum = 0;
                boolean impossible = false;
                for (int i = 0; i < lnProbs.length; i++) {
                    double lp = lnProbs[i];
                    if (Double.isNaN(lp) || lp > 1e-9) {
                        throw new LmkitException("the model returned ln p = " + lp + " for token " + i + " of sentence "
                                + (s + 1) + "; a probability must lie in [0, 1]. The model is broken: retrain it"
                                + " (with gradient clipping or a lower learning rate if it is neural)");
                    }
                    unk.add(i < block.get(b).length ? block.get(b)[i] : -1, lp);
                    if (lp == Double.NEGATIVE_INFINITY) {
                        zero++;
                        impossible = true;
                    } else {
                        sum += lp;
                    }
                }
                perSentence[s] = impossible ? Double.NEGATIVE_INFINITY : sum;
                total += sum;
            }
            first += block.size();
        }
        long tokens = corpus.tokenCount();
        double nats = zero > 0 ? Double.POSITIVE_INFINITY : -total / tokens;
        return new PerplexityResult(Math.exp(nats), nats / Math.log(2), tokens, corpus.wordCount(), sentences,
                corpus.unknownWordCount(), zero, perSentence, unk.tokens, unk.perplexityOfTheOthers(tokens));
    }

    /** Counts the {@code <unk>} tokens and sums the ln-probabilities of all other tokens. */
    private static final class UnkTally {
        private final int unk;
        private long tokens;
        private double othersLnProb;
        private boolean otherIsImpossible;

        UnkTally(int unk) {
            this.unk = unk;
        }

        void add(int word, double lnProb) {
            if (word == unk) {
                tokens++;
            } else if (lnProb == Double.NEGATIVE_INFINITY) {
                otherIsImpossible = true;
            } else {
                othersLnProb += lnProb;
            }
        }

        /** exp of the mean negative ln-probability of the tokens that are not {@code <unk>}; NaN when all are. */
        double perplexityOfTheOthers(long allTokens) {
            long others = allTokens - tokens;
            if (others == 0) {
                return Double.NaN;
            }
            return otherIsImpossible ? Double.POSITIVE_INFINITY : Math.exp(-othersLnProb / others);
        }
    }
}
