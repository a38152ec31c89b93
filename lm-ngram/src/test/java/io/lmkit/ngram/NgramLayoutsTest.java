package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layouts of an n-gram model's tables (probing, trie, quantised trie) score the same n-grams, in
 * memory and mapped from a model file; the unquantised ones bit for bit.
 */
class NgramLayoutsTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final PluginRegistry<ModelProvider<?>> MODELS = PluginRegistry.discover((Class) ModelProvider.class,
            NgramLayoutsTest.class.getClassLoader(), "model", "");

    static Corpus corpus;
    static NgramModel probing;

    @TempDir
    Path dir;

    /** 1,500 seeded sentences over 300 words drawn with Zipf-like frequencies: thousands of n-grams per order. */
    static Corpus zipfCorpus(long seed, int sentences) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            words.add("w" + i);
        }
        List<List<String>> text = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            List<String> sentence = new ArrayList<>();
            int length = 3 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sentence.add(words.get((int) Math.floor(Math.pow(300, random.nextDouble())) - 1));
            }
            text.add(sentence);
        }
        List<String> vocabulary = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        vocabulary.addAll(words);
        return Corpus.of(Vocabulary.ofWords(vocabulary), text);
    }

    @BeforeAll
    static void estimate() {
        corpus = zipfCorpus(7, 1500);
        probing = KneserNey.estimate(NgramCounts.count(corpus, 4), KneserNey.Variant.MODIFIED);
    }

    /** The state after {@code words[0..n)} from the null context (from {@code <s>} when they start with it). */
    private static ModelState after(NgramModel m, int[] words, int n) {
        boolean bos = n > 0 && words[0] == m.vocabulary().bos();
        ModelState s = bos ? m.begin() : m.nullContext();
        for (int i = bos ? 1 : 0; i < n; i++) {
            s = m.fullScore(s, words[i]).next();
        }
        return s;
    }

    /** Every stored n-gram's last word after its context, and every stored value, are bit-identical. */
    static void assertScoresEqual(NgramModel expected, NgramModel actual) {
        for (int k = 1; k <= expected.order(); k++) {
            int order = k;
            long[] visited = {0};
            expected.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                int[] w = words.clone();
                NgramModel.Entry e = actual.entry(w).orElseThrow();
                assertEquals(Double.doubleToRawLongBits(log10Prob), Double.doubleToRawLongBits(e.log10Prob()));
                assertEquals(Double.doubleToRawLongBits(log10Backoff), Double.doubleToRawLongBits(e.log10Backoff()));
                if (w[w.length - 1] != expected.vocabulary().bos()) {
                    NgramModel.FullScore a = expected.fullScore(after(expected, w, order - 1), w[order - 1]);
                    NgramModel.FullScore b = actual.fullScore(after(actual, w, order - 1), w[order - 1]);
                    assertEquals(Double.doubleToRawLongBits(a.log10Prob()), Double.doubleToRawLongBits(b.log10Prob()));
                    assertEquals(a.matchedOrder(), b.matchedOrder());
                }
                visited[0]++;
            });
            assertEquals(expected.ngramCounts()[k - 1], visited[0], "n-grams of order " + k);
            assertEquals(expected.ngramCounts()[k - 1], actual.ngramCounts()[k - 1], "n-grams of order " + k);
        }
        assertEquals(perplexity(expected, corpus), perplexity(actual, corpus));
    }

    static double perplexity(NgramModel m, Corpus c) {
        double total = 0;
        long n = 0;
        for (int s = 0; s < c.sentenceCount(); s++) {
            for (double lnP : m.scoreSentence(c.sentence(s))) {
                total += lnP;
                n++;
            }
        }
        return Math.exp(-total / n);
    }

    private NgramModel saveAndLoad(NgramModel m, String name) {
        Path file = dir.resolve(name);
        ModelFile.save(file, m, "modified-kneser-ney", new ModifiedKneserNeyProvider().defaultConfig(), 0, "whitespace",
                "test");
        return (NgramModel) ModelFile.load(file, MODELS).model();
    }

    @Test
    void theTrieScoresEveryNgramBitForBitAsProbingDoes() {
        NgramModel trie = probing.withLayout(NgramLayout.TRIE);
        assertEquals(NgramLayout.TRIE, trie.layout());
        assertScoresEqual(probing, trie);
        assertScoresEqual(trie, probing.withLayout(NgramLayout.PROBING));
        long probingBytes = java.util.Arrays.stream(probing.bytesPerOrder()).sum();
        long trieBytes = java.util.Arrays.stream(trie.bytesPerOrder()).sum();
        assertTrue(trieBytes < probingBytes * 0.8, trieBytes + " bytes against " + probingBytes);
    }

    @Test
    void bothLayoutsMappedFromTheirFilesScoreAsInMemory() {
        NgramModel mappedProbing = saveAndLoad(probing, "probing.zip");
        assertEquals(NgramLayout.PROBING, mappedProbing.layout());
        assertScoresEqual(probing, mappedProbing);
        NgramModel mappedTrie = saveAndLoad(probing.withLayout(NgramLayout.TRIE), "trie.zip");
        assertEquals(NgramLayout.TRIE, mappedTrie.layout());
        assertScoresEqual(probing, mappedTrie);
        // Converting a mapped model writes the same tables again.
        assertScoresEqual(probing, saveAndLoad(mappedTrie.withLayout(NgramLayout.PROBING), "again.zip"));
    }

    @Test
    void quantisationTradesExactnessForBitsAndMoreBitsComeCloser() {
        double exact = perplexity(probing, corpus);
        NgramModel q8 = saveAndLoad(probing.withLayout(new NgramLayout("trie", 8, 8)), "q8.zip");
        NgramModel q4 = probing.withLayout(new NgramLayout("trie", 4, 4));
        assertEquals(new NgramLayout("trie", 8, 8), q8.layout());
        double p8 = perplexity(q8, corpus);
        double p4 = perplexity(q4, corpus);
        assertNotEquals(exact, p8);
        assertEquals(exact, p8, exact * 0.01, "8 bits keep perplexity within 1%");
        assertTrue(Math.abs(p4 - exact) > Math.abs(p8 - exact), p4 + " vs " + p8 + " vs " + exact);
        long trieBytes = java.util.Arrays.stream(probing.withLayout(NgramLayout.TRIE).bytesPerOrder()).sum();
        long q8Bytes = java.util.Arrays.stream(q8.bytesPerOrder()).sum();
        assertTrue(q8Bytes < trieBytes * 0.6, q8Bytes + " against " + trieBytes);
    }

    @Test
    void aTrieReencodedAsItIsWrittenIsTheTableTheInMemoryBuilderMakesByteForByte() throws Exception {
        NgramModel mappedTrie = saveAndLoad(probing.withLayout(NgramLayout.TRIE), "source.zip");
        NgramModel mappedQ8 = saveAndLoad(probing.withLayout(new NgramLayout("trie", 8, 8)), "source-q8.zip");
        int[][] layouts = {{8, 8}, {4, 4}, {1, 1}, {16, 16}, {0, 8}, {8, 0}, {0, NgramLayout.FLOAT32}, {3, 32}, {0, 0}};
        for (NgramModel source : List.of(mappedTrie, mappedQ8)) {
            for (int[] bits : layouts) {
                NgramLayout target = new NgramLayout("trie", bits[0], bits[1]);
                // What withLayout gives for a trie source (views that re-encode as they write) against the builder
                // that holds every record in the heap, from the same tables.
                NgramModel streamed = source.withLayout(target);
                io.lmkit.ngram.internal.OrderTable[] built = new io.lmkit.ngram.internal.TrieBuilder(
                        source.vocabulary().size(), bits[0], bits[1]).build(source.tables);
                assertEquals(target, streamed.layout());
                for (int k = 2; k <= source.order(); k++) {
                    assertTrue(streamed.tables[k] instanceof io.lmkit.ngram.internal.ReencodedTrieOrder);
                    var a = new java.io.ByteArrayOutputStream();
                    var b = new java.io.ByteArrayOutputStream();
                    streamed.tables[k].writeMappable(a);
                    built[k].writeMappable(b);
                    String what = "order " + k + " of " + source.layout() + " as " + target;
                    assertTrue(java.util.Arrays.equals(b.toByteArray(), a.toByteArray()), what);
                    assertEquals(b.size(), streamed.tables[k].bytes(), what);
                    for (int id = 0; id < built[k].size(); id++) {
                        assertEquals(Float.floatToRawIntBits(built[k].log10Prob(id)),
                                Float.floatToRawIntBits(streamed.tables[k].log10Prob(id)), what);
                        assertEquals(Double.doubleToRawLongBits(built[k].log10Backoff(id)),
                                Double.doubleToRawLongBits(streamed.tables[k].log10Backoff(id)), what);
                    }
                }
                // Saved and mapped again, it scores as the view did.
                assertScoresEqual(streamed, saveAndLoad(streamed, "reencoded-" + source.layout().quantizeProb() + "-" + bits[0] + "-" + bits[1] + ".zip"));
            }
        }
    }

    @Test
    void float32BackoffsChangeScoresOnlyInTheirSeventhDigit() {
        NgramLayout float32 = new NgramLayout("trie", 0, NgramLayout.FLOAT32);
        NgramModel f = saveAndLoad(probing.withLayout(float32), "float32.zip");
        assertEquals(float32, f.layout());
        double exact = perplexity(probing, corpus);
        assertEquals(exact, perplexity(f, corpus), exact * 1e-6);
        long trieBytes = java.util.Arrays.stream(probing.withLayout(NgramLayout.TRIE).bytesPerOrder()).sum();
        assertTrue(java.util.Arrays.stream(f.bytesPerOrder()).sum() < trieBytes);
    }

    @Test
    void aTrieEntryThatDoesNotFitItsHeaderIsRefused() throws Exception {
        io.lmkit.ngram.internal.OrderTable[] tables = new io.lmkit.ngram.internal.TrieBuilder(
                corpus.vocabulary().size(), 0, 0).build(probing.parts().tables());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        tables[3].writeMappable(out);
        byte[] entry = out.toByteArray();
        io.lmkit.ngram.internal.TrieOrder.open(open(entry), true);
        String shorter = assertThrows(java.io.IOException.class, () -> io.lmkit.ngram.internal.TrieOrder.open(
                open(java.util.Arrays.copyOf(entry, entry.length - 8)), true)).getMessage();
        assertTrue(shorter.startsWith("a trie table header announces " + tables[3].size() + " n-grams under "), shorter);
        byte[] forged = entry.clone();
        forged[12] = 40; // 40-bit word ids
        String bits = assertThrows(java.io.IOException.class, () -> io.lmkit.ngram.internal.TrieOrder.open(
                open(forged), true)).getMessage();
        assertTrue(bits.startsWith("invalid trie table header ("), bits);
        byte[] mantissa = entry.clone();
        mantissa[16] = 24; // a float32 has 23 mantissa bits
        String wide = assertThrows(java.io.IOException.class, () -> io.lmkit.ngram.internal.TrieOrder.open(
                open(mantissa), true)).getMessage();
        assertTrue(wide.startsWith("invalid trie table header ("), wide);
        String highest = assertThrows(java.io.IOException.class, () -> io.lmkit.ngram.internal.TrieOrder.open(
                open(entry), false)).getMessage();
        assertTrue(highest.startsWith("invalid trie table header ("), "backoffs where none belong: " + highest);
    }

    private static io.lmkit.core.model.MappedData open(byte[] bytes) {
        return io.lmkit.core.model.MappedData.of(java.nio.ByteBuffer.wrap(bytes));
    }

    /**
     * The largest |Σ_w p(w | h) − 1| over the stored contexts h of order 1 to n−1 in {@code m}: a sixth of them,
     * chosen by their words so that every layout checks the same ones.
     */
    private static double largestSumError(NgramModel m) {
        double[] lnProbs = new double[m.vocabulary().size()];
        double[] largest = {0};
        for (int k = 1; k < m.order(); k++) {
            int order = k;
            m.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                if (log10Backoff == 0 || Math.floorMod(java.util.Arrays.hashCode(words), 6) != 0) {
                    return;
                }
                m.nextLnProbs(after(m, words, order), lnProbs);
                double sum = 0;
                for (double lnP : lnProbs) {
                    sum += Math.exp(lnP);
                }
                largest[0] = Math.max(largest[0], Math.abs(sum - 1));
            });
        }
        return largest[0];
    }

    @Test
    void everyDistributionOfTheTrieSumsToOneWithin1e9() {
        NgramModel trie = probing.withLayout(NgramLayout.TRIE);
        double exact = largestSumError(trie);
        assertTrue(exact < 1e-9, "largest |sum - 1| " + exact);
        assertEquals(exact, largestSumError(probing), "the same sums in both layouts");
        double float32 = largestSumError(probing.withLayout(new NgramLayout("trie", 0, NgramLayout.FLOAT32)));
        assertTrue(float32 > 1e-9, "float32 backoffs are what the 30 mantissa bits avoid: " + float32);
    }

    /** Distinct sign-and-exponent patterns of the doubles {@code values}. */
    private static long signsAndExponents(java.util.stream.DoubleStream values) {
        return values.mapToLong(v -> Double.doubleToRawLongBits(v) >>> 52).distinct().count();
    }

    @Test
    void aTrieRecordIsTheWordThenTheMantissaBitsEachValueNeedsAndACodeForItsSignAndExponent() {
        NgramModel trie = probing.withLayout(NgramLayout.TRIE);
        int wordBits = 32 - Integer.numberOfLeadingZeros(corpus.vocabulary().size() - 1);
        for (int k = 2; k <= probing.order(); k++) {
            io.lmkit.ngram.internal.TrieOrder t = (io.lmkit.ngram.internal.TrieOrder) trie.parts().tables()[k];
            // float32 probabilities: 23 mantissa bits, all negative; the estimator's backoffs: 30 mantissa bits.
            int probCode = codeBits(signsAndExponents(values(probing, k, false)));
            assertEquals(23 + probCode, t.probabilityBits(), "order " + k);
            assertTrue(probCode <= 5, "a few dozen binades at most: " + probCode);
            int backoffBits = k == probing.order() ? 0
                    : 30 + codeBits(signsAndExponents(values(probing, k, true)));
            assertEquals(backoffBits, t.backoffBits(), "order " + k);
            assertEquals(wordBits + t.probabilityBits() + t.backoffBits(), t.recordBits());
            assertTrue(t.recordBits() <= wordBits + 28 + 36, t.recordBits() + " bits against float32 + float64's "
                    + (wordBits + 31 + 64));
            for (double b : values(probing, k, true).toArray()) {
                assertTrue((Double.doubleToRawLongBits(b) & ((1L << 22) - 1)) == 0, "30 mantissa bits: " + b);
            }
        }
    }

    /** The log10 probabilities (or backoffs) of the stored n-grams of order {@code k}. */
    private static java.util.stream.DoubleStream values(NgramModel m, int k, boolean backoffs) {
        java.util.stream.DoubleStream.Builder b = java.util.stream.DoubleStream.builder();
        m.forEachNgram(k, (words, log10Prob, log10Backoff) -> b.add(backoffs ? log10Backoff : log10Prob));
        return b.build();
    }

    private static int codeBits(long patterns) {
        return patterns <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(patterns - 1);
    }

    private static NgramModel oldFile(String name) throws Exception {
        Path file = Path.of(NgramLayoutsTest.class.getResource("/old-format/" + name).toURI());
        return (NgramModel) ModelFile.load(file, MODELS).model();
    }

    /**
     * Files written before the TRI2 trie (n-gram data version 3: TRI1 tables with raw float32 probabilities and
     * raw float64, float32 or binned backoffs; backoffs not yet rounded to 30 bits) load and score as before.
     */
    @Test
    void modelFilesOfTheTri1TrieStillLoadAndScoreAsTheirProbingTwin() throws Exception {
        NgramModel oldProbing = oldFile("kn3-probing-v3.zip");
        NgramModel oldTrie = oldFile("kn3-trie-v3.zip");
        assertEquals(NgramLayout.TRIE, oldTrie.layout());
        assertScoresEqual(oldProbing, oldTrie);
        // Its full-precision backoffs convert exactly too: 52 mantissa bits instead of 30.
        NgramModel converted = saveAndLoad(oldProbing.withLayout(NgramLayout.TRIE), "converted.zip");
        assertScoresEqual(oldProbing, converted);
        assertEquals(52 + codeBits(signsAndExponents(values(oldProbing, 2, true))),
                ((io.lmkit.ngram.internal.TrieOrder) converted.parts().tables()[2]).backoffBits());
        assertScoresEqual(oldTrie, saveAndLoad(oldTrie, "resaved.zip"));
        NgramLayout float32 = new NgramLayout("trie", 0, NgramLayout.FLOAT32);
        NgramModel oldFloat32 = oldFile("kn3-trie-f32-v3.zip");
        assertEquals(float32, oldFloat32.layout());
        assertScoresEqual(oldProbing.withLayout(float32), oldFloat32);
        NgramLayout q8 = new NgramLayout("trie", 8, 8);
        NgramModel oldQ8 = oldFile("kn3-trie-q8-v3.zip");
        assertEquals(q8, oldQ8.layout());
        assertScoresEqual(oldProbing.withLayout(q8), oldQ8);
    }

    @Test
    void quantisationNeedsTheTrie() {
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("probing", 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("trie", 17, 8));
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("trie", 32, 8));
        assertThrows(IllegalArgumentException.class, () -> NgramLayout.named("hash"));
    }
}
