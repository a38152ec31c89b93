package io.lmkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import io.lmkit.eval.compare.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-eval's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(Comparison.class),
                "package cycles in lm-eval; see which classes make them with jdeps -verbose:class lm-eval/target/classes");
    }
}
