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
    private static void assertScoresEqual(NgramModel expected, NgramModel actual) {
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
        String highest = assertThrows(java.io.IOException.class, () -> io.lmkit.ngram.internal.TrieOrder.open(
                open(entry), false)).getMessage();
        assertTrue(highest.startsWith("invalid trie table header ("), "backoffs where none belong: " + highest);
    }

    private static io.lmkit.core.model.MappedData open(byte[] bytes) {
        return io.lmkit.core.model.MappedData.of(java.nio.ByteBuffer.wrap(bytes));
    }

    @Test
    void quantisationNeedsTheTrie() {
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("probing", 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("trie", 17, 8));
        assertThrows(IllegalArgumentException.class, () -> new NgramLayout("trie", 32, 8));
        assertThrows(IllegalArgumentException.class, () -> NgramLayout.named("hash"));
    }
}
