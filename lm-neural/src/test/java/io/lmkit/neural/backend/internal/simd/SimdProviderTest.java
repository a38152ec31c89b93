package io.lmkit.neural.backend.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimdProviderTest {

    @Test
    public void withoutTheVectorModuleTheReasonSaysHowToAddIt() {
        String reason = SimdProvider.unavailableReason(false).orElseThrow();
        assertTrue(reason.contains("jdk.incubator.vector"), reason);
        assertTrue(reason.contains("--add-modules jdk.incubator.vector"), reason);
        assertTrue(reason.contains("MAVEN_OPTS") && reason.contains("LMKIT_JAVA_OPTS"), reason);
    }

    @Test
    public void withTheModuleItIsAvailable() {
        assertEquals(Optional.empty(), SimdProvider.unavailableReason(true));
        // The tests run with --add-modules jdk.incubator.vector (see lm-neural/pom.xml).
        assertEquals(Optional.empty(), new SimdProvider().unavailableReason());
    }

    @Test
    public void theProviderIsFoundByName() {
        var backends = io.lmkit.neural.backend.Backends.discover(getClass().getClassLoader());
        try (var backend = backends.choose(Optional.of("simd")).create(1)) {
            assertEquals("simd", backend.name());
        }
    }

    @Test
    public void moreThanTheThreadCapIsRefusedBeforeAnyWorkspaceIsMade() {
        assertEquals(256, io.lmkit.neural.backend.BackendProvider.MAX_THREADS);
        String m = org.junit.jupiter.api.Assertions.assertThrows(io.lmkit.core.LmkitException.class,
                () -> new SimdProvider().create(100_000)).getMessage();
        assertTrue(m.startsWith("the simd backend needs 1 to 256 threads, got 100000; set threads to at most the"
                + " machine's cores"), m);
    }

    @Test
    public void oneWorkspaceIsAboutSixHundredKibibytes() {
        // 96 x 256 and 256 x 512 floats, and one register tile: what each thread keeps for matrix products.
        assertTrue(SimdGemm.Workspace.BYTES > 600_000 && SimdGemm.Workspace.BYTES < 650_000,
                "bytes: " + SimdGemm.Workspace.BYTES);
    }
}
