package io.lmkit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.testkit.SharedData;
import io.lmkit.core.vocab.Vocabulary;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The default suite is written for brown-v1: its words, with brown-v1's case and tokenization,
 * are in the protocol vocabulary, except "bananas", kept on purpose from the example so
 * that the report shows how an unknown candidate is marked. Skipped without ../shared/data.
 */
class DefaultSuiteBrownTest {

    @Test
    void everyWordButBananasIsInTheBrownV1Vocabulary() {
        Vocabulary brown = BrownSplits.prepare(SharedData.require("brown")).vocabulary();
        Set<String> unknown = new TreeSet<>();
        for (ClozeItem item : ClozeSuite.defaultSuite().items()) {
            for (String candidate : item.candidates()) {
                item.filled(candidate).stream().filter(w -> !brown.contains(w)).forEach(unknown::add);
            }
        }
        assertEquals(Set.of("bananas"), unknown);
    }
}
