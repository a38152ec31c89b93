package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.arpa.ArpaFormatException;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.UnknownWord;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ARPA files read and scored exactly as KenLM's {@code query} does: backoffs on n-grams that are no
 * context, n-grams whose suffixes or contexts the file leaves out ("blanks"), {@code <unk>} and a
 * model without it. The files are in {@code src/test/resources/arpa}: {@code test.arpa} and
 * {@code test_nounk.arpa} are KenLM's test models (kpu/kenlm lm/, commit 4cb443e),
 * {@code missing_test_fourgram.arpa} is SRILM's from BerkeleyLM's tests, and
 * {@code blank_context.arpa} / {@code blank_context_after.arpa} were written for this test (a
 * trigram whose context bigram is only the end of an earlier trigram, and the same lines in the
 * other order).
 *
 * <p>Every expected line is what KenLM's {@code query} (commit 4cb443e, built as in
 * {@code shared/tools/kenlm/README.md}) printed, {@code word=id order log10p} per token, for
 * {@code printf 'SENTENCE\n' | query src/test/resources/arpa/FILE.arpa}; the ids are KenLM's and
 * are not compared.
 */
class KenlmArpaSemanticsTest {

    /** query prints float32 values to 7 or 8 significant digits; lmkit adds in float64. */
    private static final double TOLERANCE = 2e-6;
    private static final double RELATIVE_TOLERANCE = 1e-7;

    private static Path resource(String name) {
        try {
            return Path.of(KenlmArpaSemanticsTest.class.getResource("/arpa/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NgramModel read(String name) {
        return ArpaReader.read(resource(name));
    }

    /** Scores the words of a query output line from {@code <s>}, checking each order and log10 probability. */
    private static void assertScoresAsQuery(NgramModel m, String queryLine) {
        Vocabulary v = m.vocabulary();
        NgramState state = m.begin();
        for (String token : queryLine.split("\t")) {
            String[] parts = token.split(" ");
            String word = parts[0].substring(0, parts[0].lastIndexOf('='));
            NgramModel.FullScore s = m.fullScore(state, v.id(word));
            double expected = Double.parseDouble(parts[2]);
            assertEquals(expected, s.log10Prob(), TOLERANCE + Math.abs(expected) * RELATIVE_TOLERANCE, token + " in " + queryLine);
            assertEquals(Integer.parseInt(parts[1]), s.matchedOrder(), "order of " + token + " in " + queryLine);
            state = s.next();
        }
    }

    @Test
    void aBackoffOnAnNgramThatIsNoContextAppliesWhenItEndsTheContext() {
        // KenLM's model_test.cc: "bar" after "foo bar" is -2.718281 + 3.0, "has to include the backoff weight".
        NgramModel m = read("test.arpa");
        assertScoresAsQuery(m, "foo=34 1 -3.5565653\tbar=35 2 -6\tbar=35 1 0.28171897\t</s>=3 1 1.970507");
        assertEquals(3.0, m.entry(m.vocabulary().id("bar")).orElseThrow().log10Backoff());
    }

    @Test
    void theContextStaysAfterUnkAndItsBackoffApplies() {
        NgramModel m = read("test.arpa");
        assertScoresAsQuery(m, "looking=23 2 -0.4846522\ton=25 3 -0.3488368\ta=5 4 -0.01552657\tlittle=20 5"
                + " -0.003061223\tthe=28 1 -4.0400543\tbiarritz=8 1 -1.9889021\t<unk>=0 1 -2.296665\tmore=24 1"
                + " -21.20632\t.=2 2 -0.5136299\t</s>=3 3 -0.01916512");
        assertScoresAsQuery(m, "<unk>=0 1 -2.4106083\thowever=15 2 -4\t<unk>=0 3 -6\tfoo=34 1 -35.141594\t</s>=3 1"
                + " -1.029493");
    }

    @Test
    void missingSuffixesAreFilledInAndCountAsMatchedAsKenlmsBlanksDo() {
        NgramModel m = read("test.arpa");
        // "higher looking" is only the end of "also would consider higher looking": a blank of order 2.
        assertScoresAsQuery(m, "higher=14 1 -1.9245323\tlooking=23 2 -1.586971\t<unk>=0 1 -2.4727561\t</s>=3 1"
                + " -21.029493");
        assertScoresAsQuery(m, "also=6 1 -2.1028454\twould=33 2 -2\tconsider=11 3 -3\thigher=14 4 -4\tlooking=23 5"
                + " -5\t</s>=3 1 -1.5066142");
        assertScoresAsQuery(m, "to=29 1 -2.1028454\tlook=22 2 -0.2922095\ta=5 3 -7\tlittle=20 2 -0.09132547\tmore=24"
                + " 3 -0.01660496\tloin=21 4 -0.1453306\t</s>=3 2 -0.6708385");
    }

    @Test
    void aContextThatIsTheEndOfAnEarlierNgramIsAccepted() {
        NgramModel m = read("blank_context.arpa");
        assertScoresAsQuery(m, "x=3 2 -0.4\ta=4 2 -0.45000002\tb=5 3 -0.2\tc=6 3 -0.25\t</s>=1 2 -0.6");
        // "a b" was filled in from "x a b" with P(b) + backoff(a) = -0.7 - 0.2.
        assertScoresAsQuery(m, "a=4 2 -0.5\tb=5 2 -0.9\tc=6 3 -0.25\t</s>=1 2 -0.6");
        assertScoresAsQuery(m, "b=5 2 -0.5\tc=6 2 -1.35\t</s>=1 2 -0.6");
    }

    @Test
    void aContextNeitherStoredNorFilledInBeforeIsRefusedNamingIt() {
        // query: "The context of every 3-gram should appear as a 2-gram Byte: 255" for the second file.
        Path after = resource("blank_context_after.arpa");
        String m = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(after)).getMessage();
        assertTrue(m.contains(":25: the context 'a b' of this 3-gram is not among the 2-grams, nor the end of an"
                + " n-gram listed before it (KenLM refuses this file too); add the 2-gram 'a b'"), m);
        // query: "The context of every 4-gram should appear as a 3-gram Byte: 738".
        Path fourgram = resource("missing_test_fourgram.arpa");
        m = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(fourgram)).getMessage();
        assertTrue(m.contains(":38: the context 'This another test' of this 4-gram is not among the 3-grams"), m);
    }

    @Test
    void aModelWithoutUnkGivesUnknownWordsTheChosenLog10AsKenlmsMinus100() {
        NgramModel m = ArpaReader.read(resource("test_nounk.arpa"), UnknownWord.ORDINARY_WORD, -100);
        assertScoresAsQuery(m, "looking=23 2 -0.4846522\t<unk>=0 1 -100.95424\tmore=24 1 -1.206319\t</s>=3 1"
                + " -1.573561");
        assertScoresAsQuery(m, "looking=23 2 -0.4846522\ton=25 3 -0.3488368\ta=5 4 -0.01552657\tlittle=20 5"
                + " -0.003061223\t</s>=3 1 -3.3816752");
        NgramModel zero = read("test_nounk.arpa");
        assertEquals(Double.NEGATIVE_INFINITY, zero.fullScore(zero.begin(), zero.vocabulary().unk()).log10Prob());
    }
}
