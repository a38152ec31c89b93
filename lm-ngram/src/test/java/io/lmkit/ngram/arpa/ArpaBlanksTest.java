package io.lmkit.ngram.arpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * More filled-in suffixes ("blanks") than the tables' spare room: every 4-gram {@code y x aI b}
 * of the file lacks its suffixes {@code x aI b} and {@code aI b}, so the 2- and 3-gram tables
 * must grow past the header's counts while 4-grams are read, and the tables above them, whose
 * keys hold their slots, are rebuilt. Values are checked by hand from the backoff rule.
 */
class ArpaBlanksTest {

    private static final int N = 40;

    private static String arpa() {
        StringBuilder unigrams = new StringBuilder("-1\t<unk>\n-99\t<s>\t-0.1\n-1\t</s>\n-1.5\tx\t-0.2\n-1.5\ty\t-0.3\n"
                + "-1.25\tb\t-0.4\n");
        StringBuilder bigrams = new StringBuilder("-0.5\ty x\t-0.05\n");
        StringBuilder trigrams = new StringBuilder();
        StringBuilder fourgrams = new StringBuilder();
        for (int i = 0; i < N; i++) {
            unigrams.append("-2\ta").append(i).append("\t-0.").append(10 + i).append('\n');
            bigrams.append("-0.75\tx a").append(i).append("\t-0.0").append(10 + i).append('\n');
            trigrams.append("-0.25\ty x a").append(i).append("\t-0.5\n");
            fourgrams.append("-0.125\ty x a").append(i).append(" b\n");
        }
        return "\\data\\\nngram 1=" + (N + 6) + "\nngram 2=" + (N + 1) + "\nngram 3=" + N + "\nngram 4=" + N
                + "\n\n\\1-grams:\n" + unigrams + "\n\\2-grams:\n" + bigrams + "\n\\3-grams:\n" + trigrams
                + "\n\\4-grams:\n" + fourgrams + "\n\\end\\\n";
    }

    @Test
    void suffixesBeyondTheTablesSpareRoomAreFilledInAndEveryStoredValueSurvives() throws IOException {
        NgramModel m = ArpaReader.read("blanks.arpa", new ByteArrayInputStream(arpa().getBytes(StandardCharsets.UTF_8)),
                UnknownWord.ORDINARY_WORD);
        Vocabulary v = m.vocabulary();
        int x = v.id("x");
        int y = v.id("y");
        int b = v.id("b");
        assertEquals(N + 1 + N, m.ngramCounts()[1], "the bigrams and the blanks aI b");
        assertEquals(N + N, m.ngramCounts()[2], "the trigrams and the blanks x aI b");
        for (int i = 0; i < N; i++) {
            int a = v.id("a" + i);
            double backoffA = -(10 + i) / 100.0;
            double backoffXa = -(10 + i) / 1000.0;
            assertEquals(-0.75, m.entry(x, a).orElseThrow().log10Prob(), 1e-7);
            assertEquals(backoffXa, m.entry(x, a).orElseThrow().log10Backoff(), 1e-12);
            assertEquals(-0.5, m.entry(y, x, a).orElseThrow().log10Backoff(), 1e-12);
            assertEquals(-0.125, m.entry(y, x, a, b).orElseThrow().log10Prob(), 1e-7);
            // The blank "aI b": P(b) + bo(aI), matched as a bigram.
            NgramState afterA = m.fullScore(m.nullContext(), a).next();
            NgramModel.FullScore ab = m.fullScore(afterA, b);
            assertEquals(2, ab.matchedOrder());
            assertEquals(-1.25 + backoffA, ab.log10Prob(), 1e-6);
            // The blank "x aI b": the blank "aI b" plus bo(x aI), matched as a trigram.
            NgramState afterXa = m.fullScore(m.fullScore(m.nullContext(), x).next(), a).next();
            NgramModel.FullScore xab = m.fullScore(afterXa, b);
            assertEquals(3, xab.matchedOrder());
            assertEquals(-1.25 + backoffA + backoffXa, xab.log10Prob(), 1e-6);
            NgramState afterYxa = m.fullScore(m.fullScore(m.fullScore(m.nullContext(), y).next(), x).next(), a).next();
            assertEquals(-0.125, m.fullScore(afterYxa, b).log10Prob(), 1e-7);
            assertEquals(4, m.fullScore(afterYxa, b).matchedOrder());
        }
    }

    @Test
    void theTrieOfAModelWithBlanksScoresEveryWordAsItsProbingTablesDo() throws IOException {
        NgramModel probing = ArpaReader.read("blanks.arpa",
                new ByteArrayInputStream(arpa().getBytes(StandardCharsets.UTF_8)), UnknownWord.ORDINARY_WORD);
        NgramModel trie = probing.withLayout(NgramLayout.TRIE);
        assertEquals(NgramLayout.TRIE, trie.layout());
        Vocabulary v = probing.vocabulary();
        for (int i = 0; i < N; i++) {
            int[][] sentences = {{v.id("y"), v.id("x"), v.id("a" + i), v.id("b")}, {v.id("x"), v.id("a" + i), v.id("b")},
                {v.id("a" + i), v.id("b"), v.id("y")}};
            for (int[] words : sentences) {
                NgramState p = probing.nullContext();
                NgramState t = trie.nullContext();
                for (int w : words) {
                    NgramModel.FullScore expected = probing.fullScore(p, w);
                    NgramModel.FullScore actual = trie.fullScore(t, w);
                    assertEquals(expected.log10Prob(), actual.log10Prob(), 0.0);
                    assertEquals(expected.matchedOrder(), actual.matchedOrder());
                    assertEquals(expected.kenlmLog10Prob(), actual.kenlmLog10Prob(), 0.0f);
                    p = expected.next();
                    t = actual.next();
                }
            }
        }
    }
}
