package io.lmkit.ngram;

import io.lmkit.ngram.estimate.Katz;
import io.lmkit.ngram.estimate.NgramCounts;
import org.junit.jupiter.api.Nested;

/**
 * The LanguageModel contract for Katz backoff models of several orders, including contexts whose
 * counts cannot be discounted.
 */
class KatzContractTest {

    @Nested
    class Unigram extends Probe.OnCorpus {
        Unigram() {
            super(TinyCorpus.sam(), Katz.estimate(NgramCounts.count(TinyCorpus.sam(), 1), 5));
        }
    }

    @Nested
    class Bigram extends Probe.OnCorpus {
        Bigram() {
            super(TinyCorpus.abba(), Katz.estimate(NgramCounts.count(TinyCorpus.abba(), 2), 5));
        }
    }

    @Nested
    class Trigram extends Probe.OnCorpus {
        Trigram() {
            super(TinyCorpus.sam(), Katz.estimate(NgramCounts.count(TinyCorpus.sam(), 3), 2));
        }
    }

    @Nested
    class Fivegram extends Probe.OnCorpus {
        Fivegram() {
            super(TinyCorpus.sam(), Katz.estimate(NgramCounts.count(TinyCorpus.sam(), 5), 5));
        }
    }
}
