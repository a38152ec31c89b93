package io.lmkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-cli's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(Lmkit.class),
                "package cycles in lm-cli; see which classes make them with jdeps -verbose:class lm-cli/target/classes");
    }
}
