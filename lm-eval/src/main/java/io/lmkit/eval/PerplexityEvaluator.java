package io.lmkit.eval;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ScoreKind;

/**
 * Computes perplexity the way PROTOCOL.md and SRILM/KenLM define it: every word of every
 * sentence and one {@code </s>} per sentence is predicted, {@code <s>} is context only, and
 * PPL = exp(−(1/N)·Σ ln p) with N = words + sentences.
 *
 * <p>It sees the model only through {@link LanguageModel#scoreSentence}, so it serves every model
 * family, and streams the corpus a sentence at a time.
 */
public final class PerplexityEvaluator {

    /**
     * Evaluates {@code model} on {@code corpus}.
     *
     * @throws LmkitException when the model gives scores rather than probabilities (perplexity is
     *                        undefined for them), when the corpus uses another vocabulary, or when
     *                        the model returns NaN
     */
    public PerplexityResult evaluate(LanguageModel model, Corpus corpus) {
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
        for (int s = 0; s < sentences; s++) {
            double[] lnProbs = model.scoreSentence(corpus.sentence(s));
            double sum = 0;
            boolean impossible = false;
            for (int i = 0; i < lnProbs.length; i++) {
                double lp = lnProbs[i];
                if (Double.isNaN(lp) || lp > 1e-9) {
                    throw new LmkitException("the model returned ln p = " + lp + " for token " + i + " of sentence "
                            + (s + 1) + "; a probability must lie in [0, 1]. The model is broken: retrain it"
                            + " (with gradient clipping or a lower learning rate if it is neural)");
                }
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
        long tokens = corpus.tokenCount();
        double nats = zero > 0 ? Double.POSITIVE_INFINITY : -total / tokens;
        return new PerplexityResult(Math.exp(nats), nats / Math.log(2), tokens, corpus.wordCount(), sentences,
                corpus.unknownWordCount(), zero, perSentence);
    }
}
