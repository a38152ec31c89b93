package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.KneserNey.DiscountStatistics;
import io.lmkit.ngram.estimate.KneserNey.Variant;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.Pruning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of the model data an estimate writes: the CRC-32 of every entry of modified Kneser-Ney
 * models of orders 3 and 5 estimated from a seeded corpus of 3,000 sentences, so that a change to counting,
 * estimation or table building that moves one bit of one table (a value, or where an n-gram lands in its
 * hash table) fails here. The values were recorded from the code before issue 16's estimation speed-ups
 * (commit a65d2a5), which must not change any model.
 */
class EstimatedTableChecksumsTest {

    /**
     * 3,000 sentences of 1 to 24 words drawn from 400 words with Zipf-like frequencies (word i with weight
     * 1/(i+1)), every 50th word outside the vocabulary ({@code <unk>}); java.util.Random's sequence is
     * fixed by its specification, so the corpus is the same on every JDK.
     */
    static Corpus zipfCorpus() {
        Random random = new Random(16);
        int words = 400;
        double[] cumulative = new double[words];
        double sum = 0;
        for (int i = 0; i < words; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        List<String> vocabulary = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int i = 0; i < words; i++) {
            vocabulary.add("w" + i);
        }
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 3000; s++) {
            int length = 1 + random.nextInt(24);
            List<String> sentence = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                double u = random.nextDouble() * sum;
                int w = 0;
                while (cumulative[w] < u) {
                    w++;
                }
                sentence.add(random.nextInt(50) == 0 ? "oov" + w : "w" + w);
            }
            sentences.add(sentence);
        }
        return Corpus.of(Vocabulary.ofWords(vocabulary), sentences);
    }

    /** The hexadecimal CRC-32 of every entry the model writes, by entry name. */
    static Map<String, String> entryChecksums(NgramModel model) throws IOException {
        Map<String, String> crcs = new LinkedHashMap<>();
        model.writeData(new ModelDataSink() {
            @Override
            public OutputStream entry(String name) {
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        CRC32 crc = new CRC32();
                        crc.update(toByteArray());
                        crcs.put(name, Long.toHexString(crc.getValue()));
                    }
                };
            }
        });
        return crcs;
    }

    private static Map<String, String> estimated(int order, DiscountStatistics statistics) throws IOException {
        return estimated(order, statistics, Pruning.NONE);
    }

    private static Map<String, String> estimated(int order, DiscountStatistics statistics, Pruning pruning)
            throws IOException {
        return entryChecksums(KneserNey.estimate(NgramCounts.count(zipfCorpus(), order), Variant.MODIFIED, statistics,
                pruning));
    }

    @Test
    void anOrder3ModelWritesTheSameTablesAsBefore() throws IOException {
        assertEquals(Map.of("ngram.bin", "33e37cb5",
                "ngram/unigrams.bin", "730f2f57",
                "ngram/order-2.bin", "c2d9f7cf",
                "ngram/order-3.bin", "193fb7c9"),
                estimated(3, DiscountStatistics.LMPLZ));
    }

    @Test
    void anOrder5ModelWritesTheSameTablesAsBefore() throws IOException {
        assertEquals(Map.of("ngram.bin", "6f3f4ffe",
                "ngram/unigrams.bin", "730f2f57",
                "ngram/order-2.bin", "68968ebd",
                "ngram/order-3.bin", "3732031c",
                "ngram/order-4.bin", "228a4ec7",
                "ngram/order-5.bin", "8a645650"),
                estimated(5, DiscountStatistics.LMPLZ));
    }

    @Test
    void theTextbookDiscountsGiveTheSameTablesAsBeforeToo() throws IOException {
        assertEquals(Map.of("ngram.bin", "c4bd325c",
                "ngram/unigrams.bin", "730f2f57",
                "ngram/order-2.bin", "68968ebd",
                "ngram/order-3.bin", "c7dc5400",
                "ngram/order-4.bin", "3a503573"),
                estimated(4, DiscountStatistics.TEXTBOOK));
    }

    @Test
    void aPrunedModelWritesTheSameTablesAsBefore() throws IOException {
        assertEquals(Map.of("ngram.bin", "bcd47aa4",
                "ngram/unigrams.bin", "730f2f57",
                "ngram/order-2.bin", "dd298d79",
                "ngram/order-3.bin", "1bc33630",
                "ngram/order-4.bin", "b1ce1188"),
                estimated(4, DiscountStatistics.LMPLZ, Pruning.parse("0 0 1 1")));
    }
}
