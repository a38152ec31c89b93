package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.UnknownWord;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NgramCursor}, the allocation-free scorer of {@code lmkit eval}'s fast path, gives what
 * {@link NgramModel#fullScore} gives, bit for bit (log10 probability, KenLM's float sum, matched order),
 * word after word through whole sentences, on every kind of model: estimated (suffix-closed) in the probing
 * and trie layouts, ARPA files with blanks and missing contexts, {@code <unk>} that forgets the context, and
 * a model that gives a missing {@code <unk>} log10 −100.
 */
class NgramCursorTest {

    private static Path arpa(String name) {
        try {
            return Path.of(NgramCursorTest.class.getResource("/arpa/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random sentences over the whole vocabulary ({@code </s>} inside a sentence too), scored both ways. */
    private static void assertCursorEqualsFullScore(NgramModel model) {
        Random random = new Random(11);
        NgramCursor cursor = model.cursor();
        int size = model.vocabulary().size();
        long words = 0;
        for (int s = 0; s < 300; s++) {
            cursor.begin();
            NgramState state = model.begin();
            int length = 1 + random.nextInt(25);
            for (int i = 0; i <= length; i++) {
                int word = i == length ? model.vocabulary().eos() : random.nextInt(size);
                if (word == model.vocabulary().bos()) {
                    continue;
                }
                NgramModel.FullScore expected = model.fullScore(state, word);
                double log10 = cursor.nextLog10(word);
                String where = "word " + i + " (id " + word + ") of sentence " + s;
                assertEquals(Double.doubleToRawLongBits(expected.log10Prob()), Double.doubleToRawLongBits(log10), where);
                assertEquals(Float.floatToRawIntBits(expected.kenlmLog10Prob()),
                        Float.floatToRawIntBits(cursor.kenlmLog10Prob()), where);
                assertEquals(expected.matchedOrder(), cursor.matchedOrder(), where);
                state = expected.next();
                words++;
            }
        }
        assertEquals(true, words > 3000, "words scored: " + words);
    }

    @Test
    void anEstimatedModelInBothLayoutsScoresAsFullScore() {
        Corpus corpus = NgramLayoutsTest.zipfCorpus(3, 800);
        NgramModel probing = KneserNey.estimate(NgramCounts.count(corpus, 4), KneserNey.Variant.MODIFIED);
        assertCursorEqualsFullScore(probing);
        assertCursorEqualsFullScore(probing.withLayout(NgramLayout.TRIE));
    }

    @Test
    void aBigramModelScoresAsFullScore() {
        Corpus corpus = NgramLayoutsTest.zipfCorpus(5, 300);
        assertCursorEqualsFullScore(KneserNey.estimate(NgramCounts.count(corpus, 2), KneserNey.Variant.MODIFIED));
    }

    @Test
    void arpaFilesWithBlanksAndForgottenContextsScoreAsFullScore() {
        assertCursorEqualsFullScore(ArpaReader.read(arpa("test.arpa")));
        assertCursorEqualsFullScore(ArpaReader.read(arpa("test.arpa"), UnknownWord.RESETS_CONTEXT));
        assertCursorEqualsFullScore(ArpaReader.read(arpa("blank_context.arpa")));
        assertCursorEqualsFullScore(ArpaReader.read(arpa("test_nounk.arpa"), UnknownWord.ORDINARY_WORD, -100));
        assertCursorEqualsFullScore(ArpaReader.read(arpa("test.arpa")).withLayout(NgramLayout.TRIE));
    }

    @Test
    void sentenceStartAndIdsOutsideTheVocabularyAreRefusedAsByFullScore() {
        NgramModel model = ArpaReader.read(arpa("test.arpa"));
        NgramCursor cursor = model.cursor();
        assertThrows(IllegalArgumentException.class, () -> cursor.nextLog10(model.vocabulary().bos()));
        assertThrows(IllegalArgumentException.class, () -> cursor.nextLog10(model.vocabulary().size()));
        assertThrows(IllegalArgumentException.class, () -> cursor.nextLog10(-1));
    }

    @Test
    void nextLnIsScoresNaturalLog() {
        NgramModel model = ArpaReader.read(arpa("test.arpa"));
        NgramCursor cursor = model.cursor();
        int word = model.vocabulary().id("more");
        assertEquals(Double.doubleToRawLongBits(model.score(model.begin(), word).lnProb()),
                Double.doubleToRawLongBits(cursor.nextLn(word)));
    }
}
