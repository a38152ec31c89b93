package io.lmkit.neural.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which sentences a neural model trains and validates on. */
class HeldOutTest {

    /** Sentences "w0" … "w{n-1}", one word each, so a sentence's word says where it came from. */
    private static Corpus numbered(int n) {
        List<String> words = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add("w" + i);
            sentences.add(List.of("w" + i));
        }
        return Corpus.of(Vocabulary.ofWords(words), sentences);
    }

    private static List<String> words(Corpus c) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < c.sentenceCount(); s++) {
            out.add(c.vocabulary().word(c.sentence(s)[0]));
        }
        return out;
    }

    @Test
    void aGivenValidationCorpusIsUsedAndEveryTrainingSentenceTrainedOn() {
        Corpus train = numbered(40);
        Corpus valid = train.slice(0, 3);
        HeldOut h = HeldOut.of(new TrainingData(train, Optional.of(valid)));
        assertSame(train, h.train());
        assertSame(valid, h.valid());
    }

    @Test
    void withoutOneTheLastFivePercentValidateAndAreNotTrainedOn() {
        HeldOut h = HeldOut.of(TrainingData.of(numbered(40)));
        assertEquals(38, h.train().sentenceCount());
        assertEquals(List.of("w38", "w39"), words(h.valid()));
        assertEquals("w37", words(h.train()).get(37));
    }

    @Test
    void aSmallCorpusStillHoldsOneSentenceOut() {
        HeldOut h = HeldOut.of(TrainingData.of(numbered(3)));
        assertEquals(List.of("w0", "w1"), words(h.train()));
        assertEquals(List.of("w2"), words(h.valid()));
    }

    @Test
    void oneSentenceIsBothTrainedAndValidatedOn() {
        Corpus one = numbered(1);
        HeldOut h = HeldOut.of(TrainingData.of(one));
        assertSame(one, h.train());
        assertSame(one, h.valid());
    }
}
