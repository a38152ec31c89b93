package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.ngram.arpa.ArpaFormatException;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.ArpaWriter;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading ARPA files: the round trip, and a clear error for every way a file can be broken. */
class ArpaFormatTest {

    private static final String GOOD = """

            \\data\\
            ngram 1=5
            ngram 2=3

            \\1-grams:
            -1.0\t<unk>
            -99\t<s>\t-0.30103
            -0.5\t</s>
            -0.60206\ta\t-0.2
            -0.60206\tb\t-0.1

            \\2-grams:
            -0.2\t<s> a
            -0.3\ta b
            -0.4\tb </s>

            \\end\\
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String errorOf(String text) throws IOException {
        Path file = write("bad.arpa", text);
        return assertThrows(ArpaFormatException.class, () -> ArpaReader.read(file)).getMessage();
    }

    @Test
    void aWellFormedFileReadsAsWritten() throws IOException {
        NgramModel m = ArpaReader.read(write("good.arpa", GOOD));
        int a = m.vocabulary().id("a");
        int b = m.vocabulary().id("b");
        assertEquals(-0.3, m.entry(a, b).orElseThrow().log10Prob(), 1e-7);
        assertEquals(-0.2, m.entry(a).orElseThrow().log10Backoff(), 1e-12);
        // p(</s> | a) backs off: bo(a) + p(</s>).
        assertEquals(-0.2 - 0.5, m.fullScore(m.fullScore(m.begin(), a).next(), m.vocabulary().eos()).log10Prob(),
                1e-7);
    }

    @Test
    void gzipIsDetectedFromTheBytesNotTheName() throws IOException {
        Path file = dir.resolve("model.arpa");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, ArpaReader.read(file).order());
    }

    @Test
    void writingAndReadingBackGivesEveryValueAsTheSameFloat32() throws IOException {
        Corpus corpus = TinyCorpus.sam();
        NgramModel model = KneserNey.estimate(NgramCounts.count(corpus, 3), KneserNey.Variant.MODIFIED);
        for (String name : new String[] {"sam.arpa", "sam.arpa.gz"}) {
            Path file = dir.resolve(name);
            ArpaWriter.write(model, file);
            NgramModel back = ArpaReader.read(file);
            assertArrayEquals(model.ngramCounts(), back.ngramCounts());
            assertSameFloat32Values(model, back, name);
            Corpus reencoded = Corpus.of(back.vocabulary(), java.util.List.of(
                    java.util.List.of("I", "am", "Sam"), java.util.List.of("Sam", "likes", "green", "ham")));
            Corpus original = Corpus.of(model.vocabulary(), java.util.List.of(
                    java.util.List.of("I", "am", "Sam"), java.util.List.of("Sam", "likes", "green", "ham")));
            for (int s = 0; s < original.sentenceCount(); s++) {
                double[] expected = model.scoreSentence(original.sentence(s));
                double[] actual = back.scoreSentence(reencoded.sentence(s));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-6 * Math.abs(expected[i]), name);
                }
            }
        }
        String text = Files.readString(dir.resolve("sam.arpa"));
        assertTrue(text.startsWith("\n\\data\\\nngram 1=13\nngram 2="), "KenLM needs a blank first line");
        assertTrue(text.endsWith("\\end\\\n"));
        assertTrue(text.contains("\n-99\t<s>\t"), "<s> is context only: -99, as SRILM writes it");
        for (String line : text.split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length >= 2) {
                for (String number : new String[] {fields[0], fields.length == 3 ? fields[2] : "0"}) {
                    // Shortest float32 decimals: at most 9 significant digits, never float64's 17.
                    assertTrue(new java.math.BigDecimal(number).precision() <= 9, line);
                }
            }
        }
    }

    /** Every n-gram of {@code a} is in {@code b} with the same probability and backoff as float32 ({@code <s>} aside). */
    private static void assertSameFloat32Values(NgramModel a, NgramModel b, String what) {
        for (int k = 1; k <= a.order(); k++) {
            a.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                int[] ids = new int[words.length];
                for (int i = 0; i < words.length; i++) {
                    ids[i] = b.vocabulary().id(a.vocabulary().word(words[i]));
                }
                NgramModel.Entry e = b.entry(ids).orElseThrow();
                String ngram = java.util.Arrays.toString(ids) + " in " + what;
                if (!(words.length == 1 && words[0] == a.vocabulary().bos())) {
                    assertEquals((float) log10Prob, (float) e.log10Prob(), 0f, ngram);
                }
                assertEquals((float) log10Backoff, (float) e.log10Backoff(), 0f, ngram);
            });
        }
    }

    @Test
    void aRoundTripKeepsEveryBackoffAlsoOnNgramsThatAreNoContext() throws IOException {
        NgramModel kenlm = ArpaReader.read(write("test.arpa", Files.readString(resource("test.arpa"))));
        Path file = dir.resolve("again.arpa");
        ArpaWriter.write(kenlm, file);
        NgramModel back = ArpaReader.read(file);
        assertSameFloat32Values(kenlm, back, "test.arpa");
        assertSameFloat32Values(back, kenlm, "test.arpa written back");
        assertEquals(3.0, back.entry(back.vocabulary().id("bar")).orElseThrow().log10Backoff());
    }

    private static Path resource(String name) {
        try {
            return Path.of(ArpaFormatTest.class.getResource("/arpa/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headerCountsMustMatchTheSections() throws IOException {
        String m = errorOf(GOOD.replace("ngram 2=3", "ngram 2=4"));
        assertTrue(m.contains("the \\2-grams: section has 3 entries but the header announces 4"), m);
        m = errorOf(GOOD.replace("ngram 2=3", "ngram 2=2"));
        assertTrue(m.contains("expected \\end\\ after the 2-grams") && m.contains("b </s>"), m);
    }

    @Test
    void aMissingSectionOrEndIsNamed() throws IOException {
        String m = errorOf(GOOD.replace("\\end\\\n", ""));
        assertTrue(m.contains("expected \\end\\"), m);
        m = errorOf(GOOD.replace("ngram 2=3", "ngram 2=3\nngram 3=1"));
        assertTrue(m.contains("expected the \\3-grams: section that the header announces"), m);
        m = errorOf(GOOD.replace("\\data\\\n", ""));
        assertTrue(m.contains("no \\data\\ header"), m);
    }

    @Test
    void badLinesNameTheFileTheLineAndTheText() throws IOException {
        String m = errorOf(GOOD.replace("-0.3\ta b", "-0.3x\ta b"));
        assertTrue(m.contains("bad.arpa:15: log10 probability '-0.3x' is not a number (at '-0.3x\ta b')"), m);
        m = errorOf(GOOD.replace("-0.3\ta b", "-0.3\ta"));
        assertTrue(m.contains(":15: a 2-gram line needs a log10 probability and 2 words (no backoff at the highest"
                + " order); found 2 fields"), m);
        m = errorOf(GOOD.replace("-0.60206\ta\t-0.2", "-0.60206"));
        assertTrue(m.contains(":10: a 1-gram line needs a log10 probability, 1 word and an optional backoff;"
                + " found 1 fields"), m);
        m = errorOf(GOOD.replace("-0.4\tb </s>", "-0.4\tb </s>\t-0.1"));
        assertTrue(m.contains(":16:") && m.contains("found 4 fields"), "the highest order has no backoff: " + m);
        m = errorOf(GOOD.replace("-0.3\ta b", "-0.3\ta c"));
        assertTrue(m.contains("word 'c' of this 2-gram is not among the unigrams"), m);
        m = errorOf(GOOD.replace("-0.3\ta b", "-0.2\t<s> a"));
        assertTrue(m.contains(":15: this 2-gram appears twice"), m);
        m = errorOf(GOOD.replace("-0.5\t</s>", "0.5\t</s>"));
        assertTrue(m.contains("log10 probability 0.5 is positive"), m);
        m = errorOf(GOOD.replace("ngram 2=3", "ngram 3=3"));
        assertTrue(m.contains("header lists order 3 where order 2 was expected"), m);
    }

    @Test
    void aTruncatedFileSaysSo() throws IOException {
        String m = errorOf(GOOD.substring(0, GOOD.indexOf("-0.3\ta b")));
        assertTrue(m.contains("file ends after 1 of the 3 2-grams the header announces; is it truncated?"), m);
    }

    @Test
    void aKenlmBinaryFileIsRecognised() throws IOException {
        Path file = write("model.binary", "mmap lm http://kheafield.com/code format version 5\n\0\0");
        String m = assertThrows(LmkitException.class, () -> ArpaReader.read(file)).getMessage();
        assertTrue(m.contains("is a KenLM binary model, not ARPA text"), m);
    }

    @Test
    void aMissingFileIsNamed() {
        String m = assertThrows(LmkitException.class, () -> ArpaReader.read(dir.resolve("none.arpa"))).getMessage();
        assertTrue(m.contains("none.arpa does not exist"), m);
    }
}
