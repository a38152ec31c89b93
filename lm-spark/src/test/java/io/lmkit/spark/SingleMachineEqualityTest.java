package io.lmkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.Pruning;
import io.lmkit.ngram.estimate.StupidBackoff;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.ngram.plugin.StupidBackoffProvider;
import io.lmkit.spark.internal.SparkSentences;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of lm-spark: in Spark local mode (two cores) it estimates the model that lm-ngram's single-machine
 * estimator gives on the same text, bit for bit: the same n-grams, the same float32 probabilities and float64
 * backoffs, so the same model-file tables (trie layout) byte for byte. On a small generated corpus (every order has
 * real discounts, not the fallback: no warning is logged) with unknown words and blank lines, split over two files
 * of a folder.
 */
class SingleMachineEqualityTest {

    @TempDir
    static Path dir;
    static Path corpusFolder;
    static Path corpusText;
    static Path vocabFile;
    static Vocabulary vocabulary;

    @BeforeAll
    static void writeCorpus() throws IOException {
        // 3,000 sentences from a Zipf-like draw over 200 words, 20 of which the vocabulary lacks (<unk>).
        Random random = new Random(17);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            words.add("w" + i);
        }
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int s = 0; s < 3000; s++) {
            StringBuilder line = s < 1800 ? first : second;
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                int w = (int) Math.floor(Math.pow(200, random.nextDouble() * random.nextDouble())) - 1;
                line.append(i > 0 ? " " : "").append(words.get(w));
            }
            line.append(s % 97 == 0 ? "\n\n" : "\n");
        }
        corpusFolder = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpusFolder.resolve("part-a.txt"), first, StandardCharsets.UTF_8);
        Files.writeString(corpusFolder.resolve("part-b.txt"), second, StandardCharsets.UTF_8);
        corpusText = Files.writeString(dir.resolve("all.txt"), first.toString() + second, StandardCharsets.UTF_8);
        List<String> known = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        known.addAll(words.subList(0, 180));
        vocabulary = Vocabulary.ofWords(known);
        vocabFile = dir.resolve("vocab.txt");
        vocabulary.save(vocabFile);
    }

    @Test
    void modifiedKneserNeyOfOrders2To5EqualsTheSingleMachineModel() throws IOException {
        // auto: one shuffle of the n-grams by their second-to-last word.
        for (int order = 2; order <= 5; order++) {
            estimateAndCompare(order, KneserNey.DiscountStatistics.TEXTBOOK, "auto");
        }
    }

    @Test
    void lmplzDiscountStatisticsGiveTheSingleMachineModelToo() throws IOException {
        estimateAndCompare(5, KneserNey.DiscountStatistics.LMPLZ, "by-history");
    }

    @Test
    void theJoinsPlanGivesTheSameModel() throws IOException {
        estimateAndCompare(3, KneserNey.DiscountStatistics.TEXTBOOK, "joins");
        estimateAndCompare(5, KneserNey.DiscountStatistics.LMPLZ, "joins");
    }

    private void estimateAndCompare(int order, KneserNey.DiscountStatistics stats, String plan) throws IOException {
        Path out = dir.resolve("mkn-" + order + "-" + stats + "-" + plan + ".zip");
        Path arpa = dir.resolve("mkn-" + order + "-" + stats + "-" + plan + ".arpa");
        run("--model", "modified-kneser-ney", "--order", Integer.toString(order), "--input", corpusFolder.toString(),
                "--vocab", vocabFile.toString(), "--out", out.toString(), "--discount-statistics",
                stats.name().toLowerCase(Locale.ROOT), "--arpa", arpa.toString(), "--partitions", "3", "--plan", plan);
        NgramModel expected = KneserNey.estimate(counts(order), KneserNey.Variant.MODIFIED, stats);
        assertSameModel(expected, out, new ModifiedKneserNeyProvider(), "mkn order " + order + " " + stats + " " + plan);
        assertTrue(Files.readString(arpa).contains("\\" + order + "-grams:"), "the ARPA file has every order");
    }

    @Test
    void aPrunedModelEqualsTheSingleMachinesPrunedModelByEitherPlan() throws IOException {
        NgramModel unpruned = KneserNey.estimate(counts(4), KneserNey.Variant.MODIFIED);
        for (String plan : List.of("by-history", "joins")) {
            Path out = dir.resolve("mkn-4-pruned-" + plan + ".zip");
            run("--model", "modified-kneser-ney", "--order", "4", "--input", corpusFolder.toString(), "--vocab",
                    vocabFile.toString(), "--out", out.toString(), "--prune", "0 1 1 2", "--plan", plan);
            NgramModel expected = KneserNey.estimate(counts(4), KneserNey.Variant.MODIFIED,
                    KneserNey.DiscountStatistics.TEXTBOOK, Pruning.parse("0 1 1 2"));
            assertTrue(expected.ngramCounts()[3] < unpruned.ngramCounts()[3] / 2, "pruning drops most 4-grams");
            assertSameModel(expected, out, new ModifiedKneserNeyProvider(), "mkn order 4 pruned 0 1 1 2 " + plan);
        }
    }

    @Test
    void aPrunedOrder5ModelWithLmplzStatisticsEqualsTheSingleMachines() throws IOException {
        // Three rounds of contexts sent to their partitions (orders 4, 3 and 2). A kept n-gram's context is kept
        // anyway below the top order (its continuation count is at least the n-gram's) and wherever the order
        // below's threshold is 1; these thresholds leave 4-grams whose only reason to stay is a kept 5-gram they
        // are the context of: without the contexts sent across partitions, this model differs (checked).
        Path out = dir.resolve("mkn-5-pruned.zip");
        run("--model", "modified-kneser-ney", "--order", "5", "--input", corpusFolder.toString(), "--vocab",
                vocabFile.toString(), "--out", out.toString(), "--prune", "0 1 2 2 2", "--discount-statistics",
                "lmplz", "--partitions", "3");
        NgramModel expected = KneserNey.estimate(counts(5), KneserNey.Variant.MODIFIED,
                KneserNey.DiscountStatistics.LMPLZ, Pruning.parse("0 1 2 2 2"));
        assertSameModel(expected, out, new ModifiedKneserNeyProvider(), "mkn order 5 pruned 0 1 1 1 2 lmplz");
    }

    @Test
    void stupidBackoffEqualsTheSingleMachineModel() throws IOException {
        Path out = dir.resolve("sb-4.zip");
        run("--model", "stupid-backoff", "--order", "4", "--input", corpusFolder.toString(), "--vocab",
                vocabFile.toString(), "--out", out.toString());
        NgramModel expected = StupidBackoff.estimate(counts(4), StupidBackoff.DEFAULT_ALPHA);
        assertSameModel(expected, out, new StupidBackoffProvider(), "stupid backoff order 4");
    }

    static NgramCounts counts(int order) {
        Corpus corpus = Corpus.read(corpusText, new PlainTextSentences(SparkSentences.tokenizer("whitespace")),
                vocabulary);
        return NgramCounts.count(corpus, order);
    }

    static void run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Estimate.run(args, SparkTestContext.get(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(0, status, () -> "lm-spark failed: " + err);
    }

    /**
     * The model file written by Spark holds the tables of {@code expected} in the trie layout byte for byte, and
     * loads to a model with the same n-grams and values.
     */
    static void assertSameModel(NgramModel expected, Path sparkFile, ModelProvider<?> provider, String what)
            throws IOException {
        NgramModel trie = expected.withLayout(NgramLayout.TRIE);
        Path single = sparkFile.resolveSibling("single-" + sparkFile.getFileName());
        ModelFile.save(single, trie, provider.name(), provider.defaultConfig(), 0, "whitespace", "single");
        try (ZipFile a = new ZipFile(single.toFile()); ZipFile b = new ZipFile(sparkFile.toFile())) {
            List<String> entries = new ArrayList<>(List.of("vocab.txt", "data/ngram.bin", "data/ngram/unigrams.bin"));
            for (int k = 2; k <= expected.order(); k++) {
                entries.add("data/ngram/order-" + k + ".bin");
            }
            for (String e : entries) {
                assertArrayEquals(a.getInputStream(a.getEntry(e)).readAllBytes(),
                        b.getInputStream(b.getEntry(e)).readAllBytes(), what + ": entry " + e + " differs");
            }
        }
        PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "", List.of(provider));
        NgramModel loaded = (NgramModel) ModelFile.load(sparkFile, models).model();
        assertArrayEquals(trie.ngramCounts(), loaded.ngramCounts(), what + ": n-grams per order");
        for (int k = 1; k <= expected.order(); k++) {
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            expected.forEachNgram(k, (words, p, b) -> want.add(line(words, p, b)));
            loaded.forEachNgram(k, (words, p, b) -> got.add(line(words, p, b)));
            want.sort(null);
            got.sort(null);
            assertEquals(want, got, what + ": order " + k);
        }
    }

    private static String line(int[] words, double log10Prob, double log10Backoff) {
        return java.util.Arrays.toString(words) + " " + Double.doubleToRawLongBits(log10Prob) + " "
                + Double.doubleToRawLongBits(log10Backoff);
    }
}
