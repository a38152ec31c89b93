package io.lmkit.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import io.lmkit.neural.train.TrainingLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-neural's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(TrainingLoop.class),
                "package cycles in lm-neural; see which classes make them with jdeps -verbose:class lm-neural/target/classes");
    }
}
