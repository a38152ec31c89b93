package io.lmkit.eval;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;

/**
 * The linear interpolation of two language models, P(w|h) = λ·P1(w|h) + (1 − λ)·P2(w|h): Bengio et
 * al.'s "mix" of a neural model with an n-gram model, or any two models with one vocabulary. The
 * weight can be tuned on validation data with {@link #tune}, which runs EM on the mixture weight
 * (the log-likelihood is concave in λ, so EM reaches the optimum).
 */
public final class LinearMixture implements LanguageModel {

    private final LanguageModel first;
    private final LanguageModel second;
    private final double weight;
    private final double lnWeight;
    private final double lnRest;

    /** A mixture state: the states of both models. */
    private record PairState(ModelState first, ModelState second) implements ModelState {
    }

    /**
     * Mixes two models.
     *
     * @param weight λ, the weight of {@code first}, in [0, 1]
     * @throws LmkitException when the vocabularies differ or a model gives scores, not probabilities
     */
    public LinearMixture(LanguageModel first, LanguageModel second, double weight) {
        if (!first.vocabulary().equals(second.vocabulary())) {
            throw new LmkitException("a mixture needs two models with the same vocabulary; train both on the same"
                    + " vocabulary file");
        }
        if (first.scoreKind() != ScoreKind.PROBABILITY || second.scoreKind() != ScoreKind.PROBABILITY) {
            throw new LmkitException("only models whose numbers are probabilities can be mixed (stupid backoff"
                    + " gives scores)");
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("mixture weight must be in [0, 1], got " + weight);
        }
        this.first = first;
        this.second = second;
        this.weight = weight;
        this.lnWeight = Math.log(weight);
        this.lnRest = Math.log1p(-weight);
    }

    /**
     * The weight λ of {@code first} that maximises the likelihood of {@code valid}, by EM from 0.5:
     * λ ← mean over tokens of λ·P1 / (λ·P1 + (1 − λ)·P2).
     */
    public static double tune(LanguageModel first, LanguageModel second, Corpus valid) {
        int n = (int) valid.tokenCount();
        double[] a = new double[n];
        double[] b = new double[n];
        int t = 0;
        for (int s = 0; s < valid.sentenceCount(); s++) {
            int[] words = valid.sentence(s);
            double[] la = first.scoreSentence(words);
            double[] lb = second.scoreSentence(words);
            for (int i = 0; i < la.length; i++, t++) {
                a[t] = la[i];
                b[t] = lb[i];
            }
        }
        double lambda = 0.5;
        for (int iteration = 0; iteration < 200; iteration++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                // Responsibility of the first model, in logs so tiny probabilities do not underflow.
                double x = Math.log(lambda) + a[i];
                double y = Math.log1p(-lambda) + b[i];
                sum += 1 / (1 + Math.exp(y - x));
            }
            double next = sum / n;
            if (Math.abs(next - lambda) < 1e-7) {
                return next;
            }
            lambda = next;
        }
        return lambda;
    }

    /** λ, the weight of the first model. */
    public double weight() {
        return weight;
    }

    @Override
    public Vocabulary vocabulary() {
        return first.vocabulary();
    }

    @Override
    public ModelState begin() {
        return new PairState(first.begin(), second.begin());
    }

    private double mix(double lnA, double lnB) {
        double x = lnWeight + lnA;
        double y = lnRest + lnB;
        double max = Math.max(x, y);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(x - max) + Math.exp(y - max));
    }

    @Override
    public Score score(ModelState state, int word) {
        if (!(state instanceof PairState p)) {
            throw new IllegalArgumentException("not a state of a mixture: " + state);
        }
        Score a = first.score(p.first(), word);
        Score b = second.score(p.second(), word);
        return new Score(mix(a.lnProb(), b.lnProb()), new PairState(a.next(), b.next()));
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        if (!(state instanceof PairState p)) {
            throw new IllegalArgumentException("not a state of a mixture: " + state);
        }
        double[] b = new double[lnProbs.length];
        first.nextLnProbs(p.first(), lnProbs);
        second.nextLnProbs(p.second(), b);
        for (int i = 0; i < lnProbs.length; i++) {
            lnProbs[i] = mix(lnProbs[i], b[i]);
        }
    }

    @Override
    public double[] scoreSentence(int[] words) {
        double[] a = first.scoreSentence(words);
        double[] b = second.scoreSentence(words);
        for (int i = 0; i < a.length; i++) {
            a[i] = mix(a[i], b[i]);
        }
        return a;
    }

    @Override
    public List<double[]> scoreSentences(List<int[]> sentences) {
        List<double[]> a = first.scoreSentences(sentences);
        List<double[]> b = second.scoreSentences(sentences);
        for (int s = 0; s < a.size(); s++) {
            double[] x = a.get(s);
            double[] y = b.get(s);
            for (int i = 0; i < x.length; i++) {
                x[i] = mix(x[i], y[i]);
            }
        }
        return a;
    }

    @Override
    public void writeData(ModelDataSink sink) {
        throw new LmkitException("a mixture is not saved as one model file: save its two models and mix them again"
                + " with the weight " + weight);
    }
}
