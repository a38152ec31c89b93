package io.lmkit.ngram;

import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.WittenBell;
import org.junit.jupiter.api.Nested;

/** The LanguageModel contract for Witten-Bell models of several orders on small corpora. */
class WittenBellContractTest {

    @Nested
    class Unigram extends Probe.OnCorpus {
        Unigram() {
            super(TinyCorpus.sam(), WittenBell.estimate(NgramCounts.count(TinyCorpus.sam(), 1)));
        }
    }

    @Nested
    class Bigram extends Probe.OnCorpus {
        Bigram() {
            super(TinyCorpus.abba(), WittenBell.estimate(NgramCounts.count(TinyCorpus.abba(), 2)));
        }
    }

    @Nested
    class Trigram extends Probe.OnCorpus {
        Trigram() {
            super(TinyCorpus.sam(), WittenBell.estimate(NgramCounts.count(TinyCorpus.sam(), 3)));
        }
    }

    @Nested
    class Fivegram extends Probe.OnCorpus {
        Fivegram() {
            super(TinyCorpus.sam(), WittenBell.estimate(NgramCounts.count(TinyCorpus.sam(), 5)));
        }
    }
}
