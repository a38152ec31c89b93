package io.lmkit.eval;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates text from any {@link LanguageModel} through its state API: n-gram, fixed-window and
 * recurrent models alike. The prompt is fed word by word; then each next word is drawn from the
 * model's distribution, reshaped by temperature and cut to the top k words and/or the top-p
 * nucleus (Holtzman et al. 2020), until {@code </s>} or the length limit. Greedy decoding takes the
 * most probable word. The same seed gives the same text. {@code <s>} is never generated, and
 * {@code <unk>} only when the settings allow it: the draw is then renormalised over the remaining
 * words. A model whose numbers are scores (stupid backoff) is sampled in proportion to its scores.
 */
public final class Sampler {

    /**
     * How to sample.
     *
     * @param temperature divides the log-probabilities: below 1 sharper, above 1 flatter; &gt; 0
     * @param topK        keep only the k most probable words (0: all)
     * @param topP        keep the smallest set of most probable words whose mass reaches p (1: all)
     * @param maxWords    stop after this many generated words
     * @param greedy      always take the most probable word (temperature, k and p do not matter)
     * @param seed        the random seed
     * @param allowUnk    whether {@code <unk>} may be generated; when not, the other words share its mass
     */
    public record Settings(double temperature, int topK, double topP, int maxWords, boolean greedy, long seed,
                           boolean allowUnk) {
        /** Validates the values. */
        public Settings {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be positive, got " + temperature);
            }
            if (topK < 0) {
                throw new IllegalArgumentException("top-k must be 0 (off) or positive, got " + topK);
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
            }
            if (maxWords < 1) {
                throw new IllegalArgumentException("max-words (the maximum length) must be at least 1, got " + maxWords);
            }
        }

        /** Settings that never generate {@code <unk>}, the default: an unknown word is no useful text. */
        public Settings(double temperature, int topK, double topP, int maxWords, boolean greedy, long seed) {
            this(temperature, topK, topP, maxWords, greedy, seed, false);
        }

        /** These settings with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(temperature, topK, topP, maxWords, greedy, newSeed, allowUnk);
        }
    }

    private final LanguageModel model;

    /** A sampler over {@code model}. */
    public Sampler(LanguageModel model) {
        this.model = model;
    }

    /**
     * Continues {@code prompt} (vocabulary ids of the sentence so far; may be empty).
     *
     * @return the generated word ids, without the prompt and without {@code </s>}
     */
    public List<Integer> generate(int[] prompt, Settings settings) {
        Vocabulary v = model.vocabulary();
        ModelState state = model.begin();
        for (int w : prompt) {
            state = model.score(state, w).next();
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] lnProbs = new double[v.size()];
        List<Integer> out = new ArrayList<>();
        while (out.size() < settings.maxWords()) {
            model.nextLnProbs(state, lnProbs);
            lnProbs[v.bos()] = Double.NEGATIVE_INFINITY;
            if (!settings.allowUnk()) {
                lnProbs[v.unk()] = Double.NEGATIVE_INFINITY;
            }
            if (Arrays.stream(lnProbs).allMatch(x -> x == Double.NEGATIVE_INFINITY)) {
                break; // nothing left to say: only <unk> had any probability
            }
            int word = settings.greedy() ? argmax(lnProbs) : draw(lnProbs, settings, random);
            if (word == v.eos()) {
                break;
            }
            out.add(word);
            state = model.score(state, word).next();
        }
        return out;
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int draw(double[] lnProbs, Settings s, SplittableRandom random) {
        int n = lnProbs.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(lnProbs[b], lnProbs[a]));
        double max = lnProbs[order[0]];
        double[] weights = new double[n];
        double total = 0;
        for (int r = 0; r < n; r++) {
            weights[r] = Math.exp((lnProbs[order[r]] - max) / s.temperature());
            total += weights[r];
        }
        int keep = s.topK() > 0 ? Math.min(s.topK(), n) : n;
        if (s.topP() < 1) {
            double mass = 0;
            for (int r = 0; r < keep; r++) {
                mass += weights[r] / total;
                if (mass >= s.topP()) {
                    keep = r + 1;
                    break;
                }
            }
        }
        double kept = 0;
        for (int r = 0; r < keep; r++) {
            kept += weights[r];
        }
        double u = random.nextDouble() * kept;
        for (int r = 0; r < keep; r++) {
            u -= weights[r];
            if (u <= 0) {
                return order[r];
            }
        }
        return order[keep - 1];
    }
}
