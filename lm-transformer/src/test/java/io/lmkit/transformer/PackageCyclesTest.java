package io.lmkit.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.testkit.PackageCycles;
import io.lmkit.transformer.model.TransformerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-transformer's packages are layered: none depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(TransformerConfig.class),
                "package cycles in lm-transformer; see which classes make them with jdeps -verbose:class lm-transformer/target/classes");
    }
}
