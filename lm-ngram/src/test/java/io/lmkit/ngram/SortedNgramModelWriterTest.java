package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.StupidBackoff;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.ngram.plugin.StupidBackoffProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model written from sorted n-gram streams ({@link SortedNgramModelWriter}, what lm-spark does) is the model
 * file of {@code model.withLayout(TRIE)}: the same entries byte for byte, whether the orders are written one
 * after another or two at a time, and it loads to the same scores.
 */
class SortedNgramModelWriterTest {

    @TempDir
    Path dir;

    @Test
    void streamingTheTrieOrderGivesTheTrieLayoutsFileByteForByte() throws IOException {
        Corpus corpus = NgramLayoutsTest.zipfCorpus(5, 800);
        NgramCounts counts = NgramCounts.count(corpus, 4);
        check(KneserNey.estimate(counts, KneserNey.Variant.MODIFIED), new ModifiedKneserNeyProvider());
        check(StupidBackoff.estimate(counts, 0.4), new StupidBackoffProvider());
    }

    private void check(NgramModel model, ModelProvider<?> provider) throws IOException {
        NgramModel trie = model.withLayout(NgramLayout.TRIE);
        Path expected = dir.resolve("expected-" + provider.name() + ".zip");
        Path streamed = dir.resolve("streamed-" + provider.name() + ".zip");
        ModelFile.save(expected, trie, provider.name(), provider.defaultConfig(), 0, "whitespace", "f");
        int v = trie.vocabulary().size();
        double[] prob = new double[v];
        double[] backoff = new double[v];
        trie.forEachNgram(1, (w, p, b) -> {
            prob[w[0]] = p;
            backoff[w[0]] = b;
        });
        List<List<int[]>> grams = new ArrayList<>();
        List<List<SortedNgramModelWriter.Ngram>> values = new ArrayList<>();
        for (int k = 0; k <= trie.order(); k++) {
            List<int[]> g = new ArrayList<>();
            List<SortedNgramModelWriter.Ngram> n = new ArrayList<>();
            if (k >= 1) {
                trie.forEachNgram(k, (w, p, b) -> {
                    g.add(w.clone());
                    n.add(new SortedNgramModelWriter.Ngram(w[w.length - 1], (float) p, b));
                });
            }
            grams.add(g);
            values.add(n);
        }
        SortedNgramModelWriter.SortedOrders orders = new SortedNgramModelWriter.SortedOrders() {
            @Override
            public long size(int k) {
                return grams.get(k).size();
            }

            @Override
            public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
                return values.get(k).iterator();
            }

            @Override
            public PrimitiveIterator.OfLong followerCounts(int k) {
                Map<List<Integer>, Long> children = new HashMap<>();
                for (int[] g : grams.get(k)) {
                    children.merge(key(Arrays.copyOf(g, k - 1)), 1L, Long::sum);
                }
                return grams.get(k - 1).stream().mapToLong(g -> children.getOrDefault(key(g), 0L)).iterator();
            }
        };
        ModelFile.save(streamed, trie.vocabulary(), sink -> SortedNgramModelWriter.writeData(sink, trie.order(),
                trie.scoreKind(), model.scoreKind() == io.lmkit.core.model.ScoreKind.SCORE ? (float) Math.log10(0.4)
                        : 0f, prob, backoff, orders), provider.name(), provider.defaultConfig(), 0, "whitespace", "f");
        try (ZipFile a = new ZipFile(expected.toFile()); ZipFile b = new ZipFile(streamed.toFile())) {
            List<String> entries = new ArrayList<>(List.of("vocab.txt", "data/ngram.bin", "data/ngram/unigrams.bin"));
            for (int k = 2; k <= trie.order(); k++) {
                entries.add("data/ngram/order-" + k + ".bin");
            }
            for (String e : entries) {
                assertArrayEquals(a.getInputStream(a.getEntry(e)).readAllBytes(),
                        b.getInputStream(b.getEntry(e)).readAllBytes(), provider.name() + ": entry " + e);
            }
        }
        // Orders written two at a time into a folder of files: the same table entries, byte for byte.
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("parallel-" + provider.name()));
        io.lmkit.ngram.internal.ModelDataFolder files = new io.lmkit.ngram.internal.ModelDataFolder(folder);
        SortedNgramModelWriter.writeData(files.sink(), trie.order(), trie.scoreKind(),
                model.scoreKind() == io.lmkit.core.model.ScoreKind.SCORE ? (float) Math.log10(0.4) : 0f, prob,
                backoff, orders, 2);
        try (ZipFile a = new ZipFile(expected.toFile())) {
            for (int k = 2; k <= trie.order(); k++) {
                String e = "data/ngram/order-" + k + ".bin"; // the model file puts the data entries under data/
                try (java.io.InputStream in = files.source().entry(e.substring("data/".length()))) {
                    assertArrayEquals(a.getInputStream(a.getEntry(e)).readAllBytes(), in.readAllBytes(),
                            provider.name() + ": entry " + e + " written beside other orders");
                }
            }
        }
        PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "", List.of(provider));
        NgramModel loaded = (NgramModel) ModelFile.load(streamed, models).model();
        int[] sentence = {5, 9, 3, 12, 5, 40};
        assertArrayEquals(model.scoreSentence(sentence), loaded.scoreSentence(sentence));
        assertEquals(NgramLayout.TRIE, loaded.layout());
    }

    private static List<Integer> key(int[] words) {
        return Arrays.stream(words).boxed().toList();
    }
}
