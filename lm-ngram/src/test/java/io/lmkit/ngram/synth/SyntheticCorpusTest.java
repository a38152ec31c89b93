package io.lmkit.ngram.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.ngram.NgramModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lmkit data synth}'s corpus: deterministic, cut at a sentence, no special tokens, growing vocabulary. */
class SyntheticCorpusTest {

    private static NgramModel model;

    @BeforeAll
    static void train() {
        model = SynthTestModels.mkn(4);
    }

    private static byte[] write(long words, long seed, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticCorpus(model, ZipfMandelbrotWords.DEFAULT).write(out, words, seed, threads, done -> { });
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        byte[] one = write(60_000, 7, 1);
        assertArrayEquals(one, write(60_000, 7, 1));
        assertArrayEquals(one, write(60_000, 7, 3), "three threads write the blocks in the same order");
        assertFalse(Arrays.equals(one, write(60_000, 8, 1)), "another seed, another corpus");
    }

    @Test
    void theCorpusEndsWithTheSentenceThatReachesTheWordsAskedFor() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCorpus.Written w = new SyntheticCorpus(model, ZipfMandelbrotWords.DEFAULT)
                .write(out, 25_000, 3, 2, done -> { });
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        long words = lines.stream().mapToLong(l -> l.split(" ").length).sum();
        assertEquals(words, w.words());
        assertEquals(lines.size(), w.sentences());
        assertEquals(out.size(), w.bytes());
        int last = lines.get(lines.size() - 1).split(" ").length;
        assertTrue(words >= 25_000 && words - last < 25_000, words + " words, the last sentence " + last);
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("\n"));
    }

    @Test
    void noUnknownOrBoundaryTokenIsWrittenAndMadeUpWordsTakeTheirPlace() throws IOException {
        String text = new String(write(50_000, 1, 2), StandardCharsets.UTF_8);
        Set<String> types = new HashSet<>(Arrays.asList(text.split("[ \n]")));
        assertFalse(types.contains("<unk>") || types.contains("<s>") || types.contains("</s>") || types.contains(""));
        Set<String> madeUp = new HashSet<>(types);
        madeUp.removeAll(model.vocabulary().words());
        assertTrue(madeUp.contains("ba"), "rank 1 of the Zipf-Mandelbrot words is drawn often: " + madeUp.size());
        assertTrue(madeUp.size() > 50, "the unknown word becomes many made-up words, got " + madeUp.size());
    }

    @Test
    void typesKeepGrowingWithTheCorpusAndAreCountedAtEachPowerOfTen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCorpus.Written w = new SyntheticCorpus(model, ZipfMandelbrotWords.DEFAULT)
                .write(out, 200_000, 11, 2, done -> { });
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(new HashSet<>(Arrays.asList(text.split("[ \n]"))).size(), w.types());
        assertEquals(List.of(1_000L, 10_000L, 100_000L), w.heaps().stream().map(t -> magnitude(t.words())).toList(),
                "one count at the first sentence end at or past each power of ten: " + w.heaps());
        long previous = 0;
        for (SyntheticCorpus.TypesAt t : w.heaps()) {
            assertTrue(t.types() > previous, "types grow: " + w.heaps());
            previous = t.types();
        }
        assertTrue(w.types() > w.heaps().get(2).types(), "and still grow past 100,000 words: " + w.heaps());
        assertNotEquals(0, w.types());
    }

    private static long magnitude(long words) {
        long p = 1;
        while (p * 10 <= words) {
            p *= 10;
        }
        return p;
    }
}
