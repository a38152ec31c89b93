package io.lmkit.eval;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear interpolation of language models, P(w|h) = Σᵢ λᵢ·Pᵢ(w|h) with weights λᵢ ≥ 0 that sum to 1: Bengio et
 * al.'s "mix" of a neural model with an n-gram model, SRILM's {@code ngram -mix-lm}, or any models with one
 * vocabulary. The weights can be tuned on validation data with {@link #tune(List, Corpus)}, which runs EM on them
 * (the log-likelihood is concave in the weights, so EM reaches the optimum). A mixture is saved as a model file of
 * its own by {@code lmkit mix} ({@code io.lmkit.eval.mixture.MixtureModel}).
 */
public final class LinearMixture implements LanguageModel {

    /** The sum of the weights may differ from 1 by this much (decimal weights such as 0.1 + 0.2 + 0.7). */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    private final List<LanguageModel> models;
    private final double[] weights;
    private final double[] lnWeights;

    /** A mixture state: the state of every model, in order. */
    private record MixState(List<ModelState> states) implements ModelState {
    }

    /**
     * Mixes two models.
     *
     * @param weight λ, the weight of {@code first}, in [0, 1]; {@code second} has 1 − λ
     * @throws LmkitException when the vocabularies differ or a model gives scores, not probabilities
     */
    public LinearMixture(LanguageModel first, LanguageModel second, double weight) {
        this(List.of(first, second), checkWeight(weight), new double[] {Math.log(weight), Math.log1p(-weight)});
    }

    /**
     * Mixes two or more models.
     *
     * @param weights the weight of each model, in the models' order: each in [0, 1], summing to 1 (within
     *                {@link #WEIGHT_SUM_TOLERANCE})
     * @throws LmkitException           when the vocabularies differ or a model gives scores, not probabilities
     * @throws IllegalArgumentException when fewer than two models are given, or the weights do not fit them
     */
    public LinearMixture(List<? extends LanguageModel> models, double[] weights) {
        this(models, checkWeights(models.size(), weights), lns(weights));
    }

    private LinearMixture(List<? extends LanguageModel> models, double[] weights, double[] lnWeights) {
        if (models.size() < 2) {
            throw new IllegalArgumentException("a mixture needs at least two models, got " + models.size());
        }
        for (int i = 1; i < models.size(); i++) {
            if (!models.get(0).vocabulary().equals(models.get(i).vocabulary())) {
                throw new LmkitException("a mixture needs models with the same vocabulary (model " + (i + 1)
                        + " has another than model 1); train them all on the same vocabulary file");
            }
        }
        if (models.stream().anyMatch(m -> m.scoreKind() != ScoreKind.PROBABILITY)) {
            throw new LmkitException("only models whose numbers are probabilities can be mixed (stupid backoff"
                    + " gives scores)");
        }
        this.models = List.copyOf(models);
        this.weights = weights.clone();
        this.lnWeights = lnWeights;
    }

    private static double[] checkWeight(double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("mixture weight must be in [0, 1], got " + weight);
        }
        return new double[] {weight, 1 - weight};
    }

    private static double[] checkWeights(int models, double[] weights) {
        if (weights.length != models) {
            throw new IllegalArgumentException("a mixture of " + models + " models needs " + models + " weights, got "
                    + weights.length);
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("mixture weights must be in [0, 1], got " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new IllegalArgumentException("mixture weights must sum to 1, got " + java.util.Arrays.toString(
                    weights) + " (sum " + sum + ")");
        }
        return weights;
    }

    private static double[] lns(double[] weights) {
        double[] ln = new double[weights.length];
        for (int i = 0; i < ln.length; i++) {
            ln[i] = Math.log(weights[i]);
        }
        return ln;
    }

    /**
     * The weight λ of {@code first} that maximises the likelihood of {@code valid}, by EM from 0.5:
     * λ ← mean over tokens of λ·P1 / (λ·P1 + (1 − λ)·P2).
     */
    public static double tune(LanguageModel first, LanguageModel second, Corpus valid) {
        return tune(first, second, valid, ScoringProtocol.SENTENCE);
    }

    /** {@link #tune(LanguageModel, LanguageModel, Corpus)} on the models' numbers under {@code protocol}. */
    public static double tune(LanguageModel first, LanguageModel second, Corpus valid, ScoringProtocol protocol) {
        int n = (int) valid.tokenCount();
        double[] a = lnProbs(first, valid, protocol);
        double[] b = lnProbs(second, valid, protocol);
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

    /**
     * The weights of {@code models} that maximise the likelihood of {@code valid}, by EM from equal weights
     * (Dempster et al. 1977; SRILM's {@code compute-best-mix}): λᵢ ← mean over tokens of λᵢ·Pᵢ / Σⱼ λⱼ·Pⱼ, until no
     * weight moves by 1e-7 (at most 200 iterations). Tokens that every model gives probability 0 carry no
     * information about the weights and are left out.
     *
     * @return one weight per model, in order, summing to 1
     */
    public static double[] tune(List<? extends LanguageModel> models, Corpus valid) {
        int k = models.size();
        double[][] ln = new double[k][];
        for (int i = 0; i < k; i++) {
            ln[i] = lnProbs(models.get(i), valid, ScoringProtocol.SENTENCE);
        }
        double[] lambda = new double[k];
        java.util.Arrays.fill(lambda, 1.0 / k);
        double[] x = new double[k];
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] sum = new double[k];
            int counted = 0;
            for (int t = 0; t < ln[0].length; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    // Responsibilities in logs, so that tiny probabilities do not underflow.
                    x[i] = Math.log(lambda[i]) + ln[i][t];
                    max = Math.max(max, x[i]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double total = 0;
                for (int i = 0; i < k; i++) {
                    total += Math.exp(x[i] - max);
                }
                for (int i = 0; i < k; i++) {
                    sum[i] += Math.exp(x[i] - max) / total;
                }
                counted++;
            }
            double moved = 0;
            for (int i = 0; i < k; i++) {
                double next = counted == 0 ? lambda[i] : sum[i] / counted;
                moved = Math.max(moved, Math.abs(next - lambda[i]));
                lambda[i] = next;
            }
            if (moved < 1e-7) {
                break;
            }
        }
        return lambda;
    }

    /** Sentences scored at once while tuning. */
    private static final int TUNING_BLOCK = 256;

    /** The ln-probability of every token of {@code corpus}, sentence by sentence, {@code </s>} included. */
    private static double[] lnProbs(LanguageModel model, Corpus corpus, ScoringProtocol protocol) {
        double[] out = new double[(int) corpus.tokenCount()];
        int t = 0;
        // In blocks, which a neural model scores as one batch; a stream is one block, its context running through.
        int blockSize = protocol == ScoringProtocol.STREAM ? Math.max(1, corpus.sentenceCount()) : TUNING_BLOCK;
        for (int first = 0; first < corpus.sentenceCount(); first += blockSize) {
            List<int[]> block = new ArrayList<>();
            for (int s = first; s < Math.min(corpus.sentenceCount(), first + blockSize); s++) {
                block.add(corpus.sentence(s));
            }
            for (double[] sentence : protocol.score(model, block)) {
                for (double lp : sentence) {
                    out[t++] = lp;
                }
            }
        }
        return out;
    }

    /** The mixed models, in order. */
    public List<LanguageModel> models() {
        return models;
    }

    /** The weight of each model, in order (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** λ, the weight of the first model. */
    public double weight() {
        return weights[0];
    }

    @Override
    public Vocabulary vocabulary() {
        return models.get(0).vocabulary();
    }

    @Override
    public ModelState begin() {
        List<ModelState> states = new ArrayList<>(models.size());
        for (LanguageModel m : models) {
            states.add(m.begin());
        }
        return new MixState(states);
    }

    /** ln Σᵢ λᵢ·Pᵢ from the models' ln-probabilities, by log-sum-exp around the largest term. */
    private double mix(double[] ln) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ln.length; i++) {
            ln[i] += lnWeights[i];
            max = Math.max(max, ln[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : ln) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    private static MixState mixState(ModelState state) {
        if (!(state instanceof MixState m)) {
            throw new IllegalArgumentException("not a state of a mixture: " + state);
        }
        return m;
    }

    @Override
    public Score score(ModelState state, int word) {
        List<ModelState> in = mixState(state).states();
        double[] ln = new double[models.size()];
        List<ModelState> next = new ArrayList<>(models.size());
        for (int i = 0; i < ln.length; i++) {
            Score s = models.get(i).score(in.get(i), word);
            ln[i] = s.lnProb();
            next.add(s.next());
        }
        return new Score(mix(ln), new MixState(next));
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        List<ModelState> in = mixState(state).states();
        double[][] each = new double[models.size()][];
        for (int i = 0; i < each.length; i++) {
            each[i] = i == 0 ? lnProbs : new double[lnProbs.length];
            models.get(i).nextLnProbs(in.get(i), each[i]);
        }
        double[] ln = new double[each.length];
        for (int w = 0; w < lnProbs.length; w++) {
            for (int i = 0; i < ln.length; i++) {
                ln[i] = each[i][w];
            }
            lnProbs[w] = mix(ln);
        }
    }

    @Override
    public double[] scoreSentence(int[] words) {
        double[][] each = new double[models.size()][];
        for (int i = 0; i < each.length; i++) {
            each[i] = models.get(i).scoreSentence(words);
        }
        double[] out = new double[words.length + 1];
        double[] ln = new double[each.length];
        for (int t = 0; t < out.length; t++) {
            for (int i = 0; i < ln.length; i++) {
                ln[i] = each[i][t];
            }
            out[t] = mix(ln);
        }
        return out;
    }

    @Override
    public List<double[]> scoreSentences(List<int[]> sentences) {
        return mixed(sentences, ScoringProtocol.SENTENCE);
    }

    /** Each model scores the stream its own way (an n-gram model per sentence, a recurrent one carried), then mixed. */
    @Override
    public List<double[]> scoreStream(List<int[]> sentences) {
        return mixed(sentences, ScoringProtocol.STREAM);
    }

    @Override
    public ModelState nextSentence(ModelState afterLastWord) {
        List<ModelState> in = mixState(afterLastWord).states();
        List<ModelState> next = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            next.add(models.get(i).nextSentence(in.get(i)));
        }
        return new MixState(next);
    }

    /** True when any of the models carries context: then the mixture's stream differs from its sentences. */
    @Override
    public boolean carriesContext() {
        return models.stream().anyMatch(LanguageModel::carriesContext);
    }

    private List<double[]> mixed(List<int[]> sentences, ScoringProtocol protocol) {
        List<List<double[]>> each = new ArrayList<>(models.size());
        for (LanguageModel model : models) {
            each.add(protocol.score(model, sentences));
        }
        List<double[]> out = new ArrayList<>(sentences.size());
        double[] ln = new double[each.size()];
        for (int s = 0; s < sentences.size(); s++) {
            double[] mixed = new double[sentences.get(s).length + 1];
            for (int t = 0; t < mixed.length; t++) {
                for (int i = 0; i < ln.length; i++) {
                    ln[i] = each.get(i).get(s)[t];
                }
                mixed[t] = mix(ln);
            }
            out.add(mixed);
        }
        return out;
    }

    @Override
    public void writeData(ModelDataSink sink) {
        throw new LmkitException("a LinearMixture is not written by itself: save each of its models, then write the"
                + " mixture file with 'lmkit mix' (or io.lmkit.eval.mixture.MixtureModel) with the weights "
                + java.util.Arrays.toString(weights));
    }
}
