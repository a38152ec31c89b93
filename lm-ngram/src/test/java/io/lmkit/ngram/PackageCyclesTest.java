package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-ngram's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(NgramModel.class),
                "package cycles in lm-ngram; see which classes make them with jdeps -verbose:class lm-ngram/target/classes");
    }
}
