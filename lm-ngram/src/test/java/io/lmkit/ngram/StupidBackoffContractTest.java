package io.lmkit.ngram;

import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.StupidBackoff;
import org.junit.jupiter.api.Nested;

/** The LanguageModel contract for stupid backoff; the sum-to-one test skips itself, for these are scores. */
class StupidBackoffContractTest {

    @Nested
    class Trigram extends Probe.OnCorpus {
        Trigram() {
            super(TinyCorpus.sam(), StupidBackoff.estimate(NgramCounts.count(TinyCorpus.sam(), 3), 0.4));
        }
    }
}
