package io.lmkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.PackageCycles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * lm-core's packages are layered: no package depends, directly or through others, on a package that depends on
 * it (files below vocab and corpus, model below plugin, plugin below io). A cycle fails naming its packages.
 */
class PackageCyclesTest {

    @Test
    void lmCoreHasNoPackageCycles() {
        assertEquals(List.of(), PackageCycles.of(LanguageModel.class),
                "package cycles in lm-core; see which classes make them with jdeps -verbose:class lm-core/target/classes");
    }

    @Test
    void theGraphIsReadFromTheClassFiles() {
        Map<String, Set<String>> graph = PackageCycles.graph(PackageCycles.classesOf(LanguageModel.class));
        assertTrue(graph.get("io.lmkit.core.model").contains("io.lmkit.core.vocab"), graph.toString());
        assertTrue(graph.get("io.lmkit.core.io").contains("io.lmkit.core.model"), graph.toString());
    }

    @Test
    void aCycleIsNamedFromItsFirstPackageBackToIt() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c", "d"),
                "c", Set.of("a"),
                "d", Set.of("d"),
                "e", Set.of("f"),
                "f", Set.of("e"));
        assertEquals(List.of("a -> b -> c -> a", "e -> f -> e"), PackageCycles.cycles(graph));
    }

    @Test
    void aLayeredGraphHasNoCycles() {
        assertEquals(List.of(), PackageCycles.cycles(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
    }
}
