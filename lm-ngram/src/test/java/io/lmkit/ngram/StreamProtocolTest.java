package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.eval.ScoringProtocol;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Test;

/** Under the stream protocol an n-gram model restarts at every {@code <s>}, as KenLM and SRILM do. */
class StreamProtocolTest {

    @Test
    void theStreamProtocolOnAnNgramModelEqualsTheSentenceProtocolExactly() {
        Corpus c = TinyCorpus.sam();
        NgramModel m = KneserNey.estimate(NgramCounts.count(c, 3), KneserNey.Variant.MODIFIED);
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        PerplexityResult sentence = evaluator.evaluate(m, c, ScoringProtocol.SENTENCE);
        PerplexityResult stream = evaluator.evaluate(m, c, ScoringProtocol.STREAM);
        assertEquals(sentence.perplexity(), stream.perplexity(), 0.0);
        assertArrayEquals(sentence.sentenceLnProbs(), stream.sentenceLnProbs(), 0.0);
        assertEquals(m.begin(), m.nextSentence(m.score(m.begin(), c.sentence(0)[0]).next()));
        assertFalse(m.carriesContext());
        assertEquals("stream (per sentence)", ScoringProtocol.STREAM.label(m));
    }
}
