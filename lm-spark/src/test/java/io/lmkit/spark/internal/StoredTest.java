package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An n-gram's probability and its backoff, given as two records, make one. */
class StoredTest {

    @Test
    void aProbabilityAndABackoffMergeInEitherOrder() {
        Stored p = new Stored(-1.5f, 0.0);
        Stored b = Stored.backoffOnly(-0.25);
        assertEquals(new Stored(-1.5f, -0.25), Stored.merge(p, b));
        assertEquals(new Stored(-1.5f, -0.25), Stored.merge(b, p));
    }

    @Test
    void twoProbabilitiesOfOneNgramAreABug() {
        assertThrows(IllegalStateException.class, () -> Stored.merge(new Stored(-1f, 0), new Stored(-2f, 0)));
        assertThrows(IllegalStateException.class, () -> Stored.merge(Stored.backoffOnly(0), Stored.backoffOnly(1)));
    }
}
