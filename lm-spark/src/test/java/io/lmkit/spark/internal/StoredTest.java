package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An n-gram's probability record and its context record make one. */
class StoredTest {

    @Test
    void aProbabilityAndAContextMergeInEitherOrder() {
        Stored p = new Stored(-1.5f, 0.0);
        Stored c = Stored.context(-0.25, 7);
        assertEquals(new Stored(-1.5f, -0.25, 7), Stored.merge(p, c));
        assertEquals(new Stored(-1.5f, -0.25, 7), Stored.merge(c, p));
    }

    @Test
    void theContextsBackoffWinsOverTheOneAProbabilityRecordCarries() {
        // Stupid backoff gives α's backoff in both records; a context record's is the one kept.
        assertEquals(new Stored(-2f, -0.4, 3), Stored.merge(new Stored(-2f, -0.1), Stored.context(-0.4, 3)));
    }

    @Test
    void twoRecordsOfOneKindForOneNgramAreABug() {
        assertThrows(IllegalStateException.class, () -> Stored.merge(new Stored(-1f, 0), new Stored(-2f, 0)));
        assertThrows(IllegalStateException.class, () -> Stored.merge(Stored.context(0, 1), Stored.context(1, 2)));
    }
}
