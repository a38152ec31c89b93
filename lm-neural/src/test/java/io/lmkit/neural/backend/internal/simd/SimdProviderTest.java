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
}
