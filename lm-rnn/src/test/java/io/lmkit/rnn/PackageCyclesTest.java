package io.lmkit.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import io.lmkit.rnn.model.RnnConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-rnn's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(RnnConfig.class),
                "package cycles in lm-rnn; see which classes make them with jdeps -verbose:class lm-rnn/target/classes");
    }
}
