package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;
import io.lmkit.ngram.NgramState;
import java.util.List;

/**
 * Merges backoff n-gram models into one static backoff model that approximates their linear mixture, as SRILM's
 * {@code ngram -lm A -mix-lm B -lambda λ -write-lm AB} does (Stolcke 2002, "SRILM: an extensible language modeling
 * toolkit"; the merge of {@code Ngram::mixProbs}):
 * <ol>
 * <li>the merged model stores the union of the models' n-grams (every vocabulary word as a unigram);</li>
 * <li>each stored n-gram hw gets the mixture's probability Σᵢ λᵢ·Pᵢ(w|h), each Pᵢ computed through model i's own
 * backoff where model i does not store hw;</li>
 * <li>every context's backoff weight is recomputed, shortest contexts first, so that its distribution sums to 1:
 * bo(h) = (1 − Σ_{w: hw stored} P(w|h)) / (1 − Σ_{w: hw stored} P_bo(w|h')), with h' the context h without its
 * first word and P_bo the merged model's own (already normalised) probability.</li>
 * </ol>
 *
 * <p>The result is exactly the mixture for every stored n-gram (up to the float32 rounding of stored
 * probabilities, downwards as the estimators round). It differs from the mixture where it backs off: after a
 * context h it does not store with w, it gives bo(h)·P(w|h'), the mixture's lower-order distribution scaled as a
 * whole, while the mixture itself takes each model's own backoff path, λ₁·bo₁(h)·P₁(w|h') + λ₂·bo₂(h)·P₂(w|h'),
 * whose models may scale their lower orders differently. Perplexities of the two therefore differ slightly.
 *
 * <p>The merged model is assembled by {@link NgramModelBuilder}, like every estimated model, so it is stored, saved
 * and exported to ARPA as they are.
 */
public final class StaticMixture {

    private final List<NgramModel> models;
    private final double[] weights;
    private final Vocabulary vocabulary;
    private final int order;
    private NgramModelBuilder builder;
    /** The merged model's backoffs as set, by context order and slot (word id for order 1). */
    private double[][] backoffs;

    private StaticMixture(List<NgramModel> models, double[] weights) {
        this.models = List.copyOf(models);
        this.weights = weights.clone();
        this.vocabulary = models.get(0).vocabulary();
        this.order = models.stream().mapToInt(NgramModel::order).max().orElseThrow();
    }

    /**
     * Merges {@code models} with {@code weights}.
     *
     * @param models  two or more backoff models in probability form (not stupid backoff) over one vocabulary
     * @param weights one per model, each in [0, 1], summing to 1
     * @return a model of the highest order among them
     * @throws LmkitException when the models cannot be merged (vocabulary, scores, {@code <unk>} handling)
     */
    public static NgramModel merge(List<NgramModel> models, double[] weights) {
        check(models, weights);
        return new StaticMixture(models, weights).build();
    }

    private static void check(List<NgramModel> models, double[] weights) {
        if (models.size() < 2 || weights.length != models.size()) {
            throw new IllegalArgumentException("a merge needs two or more models and one weight each, got "
                    + models.size() + " models and " + weights.length + " weights");
        }
        for (int i = 0; i < models.size(); i++) {
            NgramModel m = models.get(i);
            if (!m.vocabulary().equals(models.get(0).vocabulary())) {
                throw new LmkitException("n-gram model " + (i + 1) + " has another vocabulary than model 1; a merge"
                        + " needs one vocabulary");
            }
            if (m.scoreKind() != ScoreKind.PROBABILITY) {
                throw new LmkitException("n-gram model " + (i + 1) + " gives scores, not probabilities (stupid"
                        + " backoff); only probability models can be merged");
            }
            if (m.unknownWordResetsContext() != models.get(0).unknownWordResetsContext()) {
                throw new LmkitException("n-gram model " + (i + 1) + " treats <unk> otherwise than model 1 (one"
                        + " forgets the context after it, as KenLM does); import both ARPA files with the same --unk");
            }
        }
    }

    private NgramModel build() {
        long[] sizes = new long[order];
        for (int k = 2; k <= order; k++) {
            long[] n = {0};
            forEachUnionNgram(k, words -> n[0]++);
            sizes[k - 1] = n[0];
        }
        builder = new NgramModelBuilder(vocabulary, order, sizes);
        if (models.stream().anyMatch(m -> !m.suffixClosed())) {
            builder.notSuffixClosed();
        }
        if (models.get(0).unknownWordResetsContext()) {
            builder.unknownWordResetsContext();
        }
        for (int w = 0; w < vocabulary.size(); w++) {
            // <s> is context only: probability 0 in every model and in the merge.
            double p = w == vocabulary.bos() ? 0 : mixedProb(new int[] {w}, 1);
            builder.unigram(w, Math.min(0.0, Math.log10(p)), 0.0);
        }
        for (int k = 2; k <= order; k++) {
            int n = k;
            forEachUnionNgram(k, words -> builder.add(n, slotOf(words, 0, n - 1), words[n - 1],
                    BackoffForm.log10Down(mixedProb(words, n)), 0.0));
        }
        backoffs = new double[order][];
        for (int m = 1; m < order; m++) {
            normalizeContexts(m);
        }
        return builder.build();
    }

    /** Sets the backoff of every stored context of order {@code m} that some stored (m+1)-gram extends. */
    private void normalizeContexts(int m) {
        int contexts = m == 1 ? vocabulary.size() : builder.capacity(m);
        double[] seen = new double[contexts];
        double[] lower = new double[contexts];
        boolean[] extended = new boolean[contexts];
        forEachUnionNgram(m + 1, words -> {
            int context = slotOf(words, 0, m);
            int slot = builder.find(m + 1, context, words[m]);
            seen[context] += Math.pow(10, builder.log10Prob(m + 1, slot));
            lower[context] += Math.pow(10, mergedLog10(words, 1, m, words[m]));
            extended[context] = true;
        });
        backoffs[m] = new double[contexts];
        for (int h = 0; h < contexts; h++) {
            if (!extended[h]) {
                continue;
            }
            double leftOver = 1 - seen[h];
            double lowerLeftOver = 1 - lower[h];
            // As BackoffNormalizer: no mass left (or none below to share it by) backs off to nothing.
            double log10Backoff = leftOver <= 0 || lowerLeftOver <= 0 ? Double.NEGATIVE_INFINITY
                    : Math.log10(leftOver / lowerLeftOver);
            backoffs[m][h] = log10Backoff;
            if (m == 1) {
                builder.setUnigramBackoff(h, log10Backoff);
            } else {
                builder.setBackoff(m, h, log10Backoff);
            }
        }
    }

    /**
     * log10 P(w | words[from..to)) in the merged model as built so far: the longest stored n-gram ending in w,
     * times the backoff of every stored context longer than its own (the ARPA rule).
     */
    private double mergedLog10(int[] words, int from, int to, int w) {
        if (from == to) {
            return builder.unigramLog10Prob(w);
        }
        int length = to - from;
        int context = slotOf(words, from, to);
        if (context >= 0) {
            int slot = builder.find(length + 1, context, w);
            if (slot >= 0) {
                return builder.log10Prob(length + 1, slot);
            }
        }
        double backoff = context >= 0 ? backoffs[length][context] : 0;
        return backoff + mergedLog10(words, from + 1, to, w);
    }

    /** The merged model's slot of the n-gram {@code words[from..to)} (the word id for one word), or -1. */
    private int slotOf(int[] words, int from, int to) {
        int slot = words[from];
        for (int k = 2; k <= to - from && slot >= 0; k++) {
            slot = builder.find(k, slot, words[from + k - 1]);
        }
        return slot;
    }

    /** Σᵢ λᵢ·Pᵢ(w | h) for the n-gram {@code words[0..k)} = h·w, each Pᵢ through model i's own backoff. */
    private double mixedProb(int[] words, int k) {
        int w = words[k - 1];
        if (w == vocabulary.bos()) {
            return 0;
        }
        double p = 0;
        for (int i = 0; i < models.size(); i++) {
            NgramModel model = models.get(i);
            NgramState state = stateAfter(model, words, k - 1);
            p += weights[i] * Math.pow(10, model.fullScore(state, w).log10Prob());
        }
        return Math.min(p, 1.0);
    }

    /** Model {@code model}'s state after the context {@code words[0..length)}, from {@code <s>} when it starts so. */
    private NgramState stateAfter(NgramModel model, int[] words, int length) {
        boolean fromStart = length > 0 && words[0] == vocabulary.bos();
        NgramState state = fromStart ? model.begin() : model.nullContext();
        for (int j = fromStart ? 1 : 0; j < length; j++) {
            if (words[j] == vocabulary.bos()) {
                throw new LmkitException("an n-gram has <s> after its first word, which no model predicts; the"
                        + " model is not a valid backoff model");
            }
            state = model.fullScore(state, words[j]).next();
        }
        return state;
    }

    /** Receives n-grams as word ids; the array is reused. */
    @FunctionalInterface
    private interface WordsVisitor {
        void visit(int[] words);
    }

    /** Visits each n-gram of order {@code k} that some model stores, once: in the first model that stores it. */
    private void forEachUnionNgram(int k, WordsVisitor visitor) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).order() < k) {
                continue;
            }
            int self = i;
            models.get(i).forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                for (int j = 0; j < self; j++) {
                    if (models.get(j).entry(words).isPresent()) {
                        return;
                    }
                }
                visitor.visit(words);
            });
        }
    }
}
