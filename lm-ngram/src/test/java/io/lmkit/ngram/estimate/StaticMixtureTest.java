package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The static merge of n-gram models (SRILM's {@code -mix-lm}): every context's distribution sums to 1, every n-gram
 * both models store gets the mixture's probability, and where it backs off it differs from the dynamic mixture.
 */
class StaticMixtureTest {

    private static final Vocabulary V = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "the", "cat", "dog", "sat",
            "on", "mat", "log", "a", "ran", "saw", "and"));
    private static final Corpus A_TEXT = corpus("the cat sat on the mat", "the dog sat on the log", "a cat and a dog",
            "the cat saw the dog");
    private static final Corpus B_TEXT = corpus("a dog ran", "the dog ran on the log", "a cat ran and a dog sat",
            "the dog saw a cat on the mat");
    private static final Corpus TEST = corpus("the cat sat on the log", "a dog saw the mat", "the cat ran",
            "a log sat on a cat");
    private static final NgramModel A = KneserNey.estimate(NgramCounts.count(A_TEXT, 3), KneserNey.Variant.MODIFIED);
    private static final NgramModel B = WittenBell.estimate(NgramCounts.count(B_TEXT, 2));
    private static final double[] WEIGHTS = {0.6, 0.4};

    private static Corpus corpus(String... sentences) {
        return Corpus.of(V, Arrays.stream(sentences).map(s -> List.of(s.split(" "))).toList());
    }

    /** The state of {@code model} after the words {@code h}, from {@code <s>} when h starts with it. */
    private static NgramState after(NgramModel model, int[] h) {
        boolean start = h.length > 0 && h[0] == V.bos();
        NgramState state = start ? model.begin() : model.nullContext();
        for (int i = start ? 1 : 0; i < h.length; i++) {
            state = model.fullScore(state, h[i]).next();
        }
        return state;
    }

    /** Every stored n-gram of orders 1 to n−1 of {@code model}, as word ids. */
    private static List<int[]> contexts(NgramModel model) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        for (int k = 1; k < model.order(); k++) {
            model.forEachNgram(k, (words, p, bo) -> out.add(words.clone()));
        }
        return out;
    }

    @Test
    void everyContextsDistributionSumsToOne() {
        NgramModel merged = StaticMixture.merge(List.of(A, B), WEIGHTS);
        assertEquals(3, merged.order());
        double[] ln = new double[V.size()];
        List<int[]> contexts = contexts(merged);
        assertTrue(contexts.size() > 30, "contexts: " + contexts.size());
        for (int[] h : contexts) {
            merged.nextLnProbs(after(merged, h), ln);
            double sum = Arrays.stream(ln).map(Math::exp).sum();
            assertEquals(1, sum, 1e-6, "context " + Arrays.toString(h));
        }
    }

    @Test
    void theMergeStoresTheUnionOfTheNgrams() {
        NgramModel merged = StaticMixture.merge(List.of(A, B), WEIGHTS);
        for (NgramModel m : List.of(A, B)) {
            for (int k = 1; k <= m.order(); k++) {
                m.forEachNgram(k, (words, p, bo) -> assertTrue(merged.entry(words).isPresent(),
                        Arrays.toString(words)));
            }
        }
        // B's bigrams "dog ran" and "ran on" are not in A; A's trigrams all are in the merge.
        assertTrue(A.entry(V.id("dog"), V.id("ran")).isEmpty());
        assertTrue(merged.entry(V.id("dog"), V.id("ran")).isPresent());
        assertEquals(A.ngramCounts()[2], merged.ngramCounts()[2]);
    }

    @Test
    void onNgramsBothModelsStoreTheMergeGivesTheMixturesProbability() {
        NgramModel merged = StaticMixture.merge(List.of(A, B), WEIGHTS);
        LinearMixture dynamic = new LinearMixture(List.of(A, B), WEIGHTS);
        int[] checked = {0};
        for (int k = 1; k <= 2; k++) {
            A.forEachNgram(k, (words, p, bo) -> {
                int w = words[words.length - 1];
                if (w == V.bos() || B.entry(words).isEmpty()) {
                    return;
                }
                int[] h = Arrays.copyOf(words, words.length - 1);
                double expected = dynamicLog10(dynamic, h, w);
                double actual = merged.fullScore(after(merged, h), w).log10Prob();
                // Stored as float32, rounded down: within one float step of the exact mixture.
                assertEquals(expected, actual, 1e-6, Arrays.toString(words));
                assertTrue(actual <= expected + 1e-12, Arrays.toString(words));
                checked[0]++;
            });
        }
        assertTrue(checked[0] > 20, "n-grams in both models: " + checked[0]);
    }

    /**
     * log10 of the dynamic mixture's P(w | h): through {@link LinearMixture}'s states for a context from
     * {@code <s>}, else as Σ λᵢ·Pᵢ from each model's state after h (a mixture has no context-free state).
     */
    private static double dynamicLog10(LinearMixture dynamic, int[] h, int w) {
        if (h.length > 0 && h[0] == V.bos()) {
            ModelState state = dynamic.begin();
            for (int i = 1; i < h.length; i++) {
                state = dynamic.score(state, h[i]).next();
            }
            Score s = dynamic.score(state, w);
            return s.lnProb() / Math.log(10);
        }
        return Math.log10(WEIGHTS[0] * Math.pow(10, A.fullScore(after(A, h), w).log10Prob())
                + WEIGHTS[1] * Math.pow(10, B.fullScore(after(B, h), w).log10Prob()));
    }

    @Test
    void whereTheMergeBacksOffItDiffersFromTheMixtureAndPerplexitiesDifferALittle() {
        NgramModel merged = StaticMixture.merge(List.of(A, B), WEIGHTS);
        LinearMixture dynamic = new LinearMixture(List.of(A, B), WEIGHTS);
        // "the cat ran" is in neither text: the merge backs off from "the cat" with its own weight, while the mixture
        // mixes A's backoff to "cat ran" with B's stored bigram "cat ran".
        int[] h = {V.id("the"), V.id("cat")};
        double merge = merged.fullScore(after(merged, h), V.id("ran")).log10Prob();
        double mixture = Math.log10(0.6 * Math.pow(10, A.fullScore(after(A, h), V.id("ran")).log10Prob())
                + 0.4 * Math.pow(10, B.fullScore(after(B, h), V.id("ran")).log10Prob()));
        assertTrue(Math.abs(merge - mixture) > 1e-3, merge + " vs " + mixture);
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        double staticPerplexity = evaluator.evaluate(merged, TEST).perplexity();
        double dynamicPerplexity = evaluator.evaluate(dynamic, TEST).perplexity();
        assertTrue(Math.abs(staticPerplexity / dynamicPerplexity - 1) < 0.1,
                "static " + staticPerplexity + ", dynamic " + dynamicPerplexity);
        assertTrue(staticPerplexity != dynamicPerplexity);
    }

    @Test
    void aModelMergedWithItselfIsTheSameModel() {
        NgramModel merged = StaticMixture.merge(List.of(A, A), new double[] {0.5, 0.5});
        assertEquals(Arrays.toString(A.ngramCounts()), Arrays.toString(merged.ngramCounts()));
        double[] expected = new double[V.size()];
        double[] actual = new double[V.size()];
        for (int[] h : contexts(A)) {
            A.nextLnProbs(after(A, h), expected);
            merged.nextLnProbs(after(merged, h), actual);
            for (int w = 0; w < V.size(); w++) {
                assertEquals(expected[w], actual[w], 1e-6, Arrays.toString(h) + " " + V.word(w));
            }
        }
    }

    /**
     * An ARPA model whose trigram {@code <s> b a} lacks its suffix {@code b a} (SRILM's pruning leaves such gaps),
     * unigrams 0.1, 0.3, 0.4, 0.2 for {@code <unk> </s> a b}.
     */
    private static final String GAPPED_ARPA = """

            \\data\\
            ngram 1=5
            ngram 2=3
            ngram 3=2

            \\1-grams:
            -1.0\t<unk>
            -99\t<s>\t-0.3
            -0.5228787\t</s>
            -0.39794\ta\t-0.2
            -0.69897\tb\t-0.1

            \\2-grams:
            -0.3\t<s> a\t-0.1
            -0.4\t<s> b\t-0.1
            -0.2\ta b

            \\3-grams:
            -0.2\t<s> b a
            -0.15\t<s> a b

            \\end\\
            """;

    @Test
    void anArpaFileWithSuffixGapsMergesIntoANormalisedModelThatLooksPastTheGaps() throws java.io.IOException {
        NgramModel gapped = io.lmkit.ngram.arpa.ArpaReader.read("gapped.arpa", new java.io.ByteArrayInputStream(
                GAPPED_ARPA.getBytes(java.nio.charset.StandardCharsets.UTF_8)), io.lmkit.ngram.arpa.UnknownWord
                .ORDINARY_WORD);
        // The reader fills the file's gaps ("b a" of "<s> b a") with blanks, as KenLM does.
        assertTrue(gapped.suffixClosed());
        Vocabulary v = gapped.vocabulary();
        NgramModel other = WittenBell.estimate(NgramCounts.count(Corpus.of(v, List.of(List.of("a", "b", "a"),
                List.of("b", "b"))), 2));
        NgramModel merged = StaticMixture.merge(List.of(gapped, other), new double[] {0.7, 0.3});
        double[] ln = new double[v.size()];
        for (int[] h : contexts(merged)) {
            merged.nextLnProbs(after(merged, h), ln);
            assertEquals(1, Arrays.stream(ln).map(Math::exp).sum(), 1e-6, "context " + Arrays.toString(h));
        }
        // The trigram past the gap gets the mixture's probability: 0.7 from the stored trigram, 0.3 from the bigram.
        int[] h = {v.bos(), v.id("b")};
        double expected = 0.7 * Math.pow(10, -0.2) + 0.3 * Math.pow(10, other.fullScore(after(other, h), v.id("a"))
                .log10Prob());
        assertEquals(Math.log10(expected), merged.fullScore(after(merged, h), v.id("a")).log10Prob(), 1e-6);
    }

    @Test
    void scoresAndOtherVocabulariesAreRefused() {
        NgramModel stupid = StupidBackoff.estimate(NgramCounts.count(A_TEXT, 2), 0.4);
        assertTrue(assertThrows(LmkitException.class, () -> StaticMixture.merge(List.of(A, stupid), WEIGHTS))
                .getMessage().contains("gives scores, not probabilities"));
        Vocabulary other = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "the"));
        NgramModel small = WittenBell.estimate(NgramCounts.count(Corpus.of(other, List.of(List.of("the"))), 2));
        assertTrue(assertThrows(LmkitException.class, () -> StaticMixture.merge(List.of(A, small), WEIGHTS))
                .getMessage().contains("another vocabulary"));
    }
}
