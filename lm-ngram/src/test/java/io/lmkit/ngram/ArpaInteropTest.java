package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.text.internal.WhitespaceTokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.arpa.ArpaFormatException;
import io.lmkit.ngram.arpa.ArpaReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ARPA files that KenLM and SRILM wrote for their own test suites ({@code shared/data/interop}),
 * read and scored by lmkit. Gold values: KenLM's {@code lm/model_test.cc} for {@code test.arpa};
 * BerkeleyLM's {@code PerplexityTest} (log10 totals that SRILM computed) for {@code big_test.arpa}.
 */
class ArpaInteropTest {

    private static final double KENLM_TOLERANCE = 1e-5; // model_test.cc checks to 0.001 percent

    /** KenLM's models, read with KenLM's semantics (the defaults: {@code <unk>} keeps its context). */
    private static NgramModel kenlm(String name) {
        return ArpaReader.read(SharedData.require("interop/kenlm/" + name));
    }

    /** Scores words in sequence from {@code state}, checking each log10 probability and matched order. */
    private static NgramState append(NgramModel m, NgramState state, String word, int order, double log10) {
        NgramModel.FullScore s = m.fullScore(state, m.vocabulary().id(word));
        assertEquals(log10, s.log10Prob(), Math.abs(log10) * KENLM_TOLERANCE, word);
        assertEquals(order, s.matchedOrder(), word);
        return s.next();
    }

    @Test
    void kenlmsTestModelScoresAsKenlmsOwnTestsExpect() {
        NgramModel m = kenlm("test.arpa");
        assertEquals(5, m.order());
        assertTrue(m.suffixClosed(), "test.arpa's missing suffixes (KenLM's blanks) are filled in");
        NgramState begin = m.begin();
        append(m, begin, "looking", 2, -0.4846522);
        append(m, begin, ",", 1, -1.383514 + -0.4149733);
        append(m, begin, "this_is_not_found", 1, -1.995635 + -0.4149733);

        NgramState s = append(m, begin, "looking", 2, -0.484652);
        s = append(m, s, "on", 3, -0.348837);
        s = append(m, s, "a", 4, -0.0155266);
        s = append(m, s, "little", 5, -0.00306122);
        NgramState preserve = s;
        s = append(m, s, "the", 1, -4.04005);
        s = append(m, s, "biarritz", 1, -1.9889);
        s = append(m, s, "not_found", 1, -2.29666);
        // <unk> stays in the context, and its backoff of -20 applies (model_test.cc: -1.20632 - 20.0).
        s = append(m, s, "more", 1, -1.20632 - 20.0);
        s = append(m, s, ".", 2, -0.51363);
        append(m, s, "</s>", 3, -0.0191651);
        s = append(m, preserve, "more", 5, -0.00181395);
        append(m, s, "loin", 5, -0.0432557);
    }

    @Test
    void missingSuffixesAreFilledInAsKenlmsBlanksAre() {
        NgramModel m = kenlm("test.arpa");
        NgramState s = append(m, m.nullContext(), "also", 1, -1.687872);
        s = append(m, s, "would", 2, -2);
        s = append(m, s, "consider", 3, -3);
        NgramState preserve = s;
        s = append(m, s, "higher", 4, -4);
        append(m, s, "looking", 5, -5);
        append(m, preserve, "not_found", 1, -1.995635 - 7.0 - 0.30103);
        s = append(m, m.nullContext(), "higher", 1, -1.509559);
        // "higher looking" is a blank, the end of "also would consider higher looking": it matches as a bigram.
        s = append(m, s, "looking", 2, -1.285941 - 0.30103);
        append(m, s, "not_found", 1, -1.995635 - 0.4771212);
    }

    @Test
    void aModelWithoutUnkGivesUnknownWordsProbabilityZero() {
        NgramModel m = kenlm("test_nounk.arpa");
        assertEquals(Double.NEGATIVE_INFINITY, m.fullScore(m.begin(), m.vocabulary().unk()).log10Prob());
        assertEquals(-0.4846522, m.fullScore(m.begin(), m.vocabulary().id("looking")).log10Prob(), 1e-6);
    }

    @Test
    void srilmsTrigramScoresTheTextItWasBuiltFrom() {
        NgramModel m = ArpaReader.read(SharedData.require("interop/srilm/tiny_test_trigram.arpa"));
        // "This is a test sentence.": <s> This, <s> This is, This is a, is a test, a test sentence.,
        // test sentence. </s>, each a stored n-gram of the file; "This is another test sentence."
        // has the same six values (This is another, is another test, another test sentence.).
        double expected = 2 * (-0.132238 - 0.07443009 - 0.4377072 - 0.1366771 - 0.07443009 - 0.07443009);
        assertEquals(expected, log10Total(m, SharedData.require("interop/srilm/tiny_test_trigram.txt"), 0), 1e-6);
        assertTrue(m.suffixClosed());
    }

    @Test
    void srilmsBigModelGivesTheLogProbabilitiesBerkeleyLmRecords() {
        NgramModel m = ArpaReader.read(SharedData.require("interop/srilm/big_test.arpa.gz"));
        assertEquals(5, m.order());
        assertEquals(-38.9312, log10Total(m, SharedData.require("interop/srilm/test_perplex_tiny.txt"), -1), 1e-3);
        assertEquals(-2675.41, log10Total(m, SharedData.require("interop/srilm/test_perplex.txt"), -1), 1e-2);
    }

    @Test
    void everyInteropFileLoads() {
        for (String f : new String[] {"kenlm/test.arpa", "kenlm/test_nounk.arpa", "srilm/tiny_test_bigram.arpa",
            "srilm/tiny_test_trigram.arpa", "srilm/tiny_test_fivegram.arpa", "srilm/big_test.arpa.gz"}) {
            NgramModel m = ArpaReader.read(SharedData.require("interop/" + f));
            assertTrue(m.ngramCounts()[0] > 0, f);
        }
    }

    @Test
    void theMalformedFileIsRejectedNamingTheMissingContextAndLine() {
        Path file = SharedData.require("interop/srilm/missing_test_fourgram.arpa");
        ArpaFormatException e = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        // Line 35's context "another test" is the end of "is another test" (a blank, as in KenLM); the
        // 4-gram's context is not, and KenLM's query refuses the file at that line too.
        assertTrue(e.getMessage().contains(":38: the context 'This another test' of this 4-gram is not among the"
                + " 3-grams"), e.getMessage());
    }

    /**
     * The total log10 probability of every sentence of {@code text} (words and {@code </s>}); words
     * the model lacks contribute 0, as BerkeleyLM's test counts them ({@code expectedUnknown} ≥ 0
     * asserts how many there are).
     */
    private static double log10Total(NgramModel m, Path text, int expectedUnknown) {
        Vocabulary v = m.vocabulary();
        Corpus c = Corpus.read(text, new PlainTextSentences(new WhitespaceTokenizerProvider().create()), v);
        if (expectedUnknown >= 0) {
            assertEquals(expectedUnknown, c.unknownWordCount());
        }
        double total = 0;
        for (int s = 0; s < c.sentenceCount(); s++) {
            NgramState state = m.begin();
            int[] words = c.sentence(s);
            for (int i = 0; i <= words.length; i++) {
                NgramModel.FullScore score = m.fullScore(state, i < words.length ? words[i] : v.eos());
                if (score.log10Prob() != Double.NEGATIVE_INFINITY) {
                    total += score.log10Prob();
                }
                state = score.next();
            }
        }
        return total;
    }
}
