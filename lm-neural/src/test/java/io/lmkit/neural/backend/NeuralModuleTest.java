package io.lmkit.neural.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One backend registry per application, bound by NeuralModule; broken backend plugins are skipped with a warning. */
class NeuralModuleTest {

    @TempDir
    Path dir;

    private static final Key<PluginRegistry<BackendProvider>> REGISTRY =
            Key.get(new TypeLiteral<PluginRegistry<BackendProvider>>() { });

    @Test
    void theInjectorHoldsOneRegistryAndOneBackendsChoosingFromIt() {
        Injector injector = Guice.createInjector(new NeuralModule(BackendLoaders.listing(dir,
                TestBackendProvider.class.getName()), problem -> { }));
        PluginRegistry<BackendProvider> registry = injector.getInstance(REGISTRY);
        assertSame(registry, injector.getInstance(REGISTRY));
        assertSame(injector.getInstance(Backends.class), injector.getInstance(Backends.class));
        assertEquals(List.of("reference", "simd", TestBackendProvider.NAME),
                registry.all().stream().map(BackendProvider::name).toList());
        assertSame(registry.get(TestBackendProvider.NAME),
                injector.getInstance(Backends.class).choose(Optional.of(TestBackendProvider.NAME)));
    }

    @Test
    void aBrokenBackendPluginIsSkippedWithOneWarningNamingItsClassAndTheOthersStillWork() {
        List<String> warnings = new ArrayList<>();
        Injector injector = Guice.createInjector(new NeuralModule(BackendLoaders.listing(dir,
                "org.example.MissingBackend", TestBackendProvider.class.getName()), warnings::add));
        Backends backends = injector.getInstance(Backends.class);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("class org.example.MissingBackend is listed as a compute backend plugin"
                + " but cannot be loaded"), warnings.get(0));
        assertEquals(TestBackendProvider.NAME, backends.choose(Optional.of(TestBackendProvider.NAME)).name());
        assertEquals("simd", backends.choose(Optional.of("simd")).name());
    }

    @Test
    void aMissingBackendNameSaysWhichModuleHasTheNd4jBackends() {
        Backends backends = Backends.discover(getClass().getClassLoader(), problem -> { });
        LmkitException e = org.junit.jupiter.api.Assertions.assertThrows(LmkitException.class,
                () -> backends.choose(Optional.of("nd4j-cpu")));
        assertEquals("No compute backend 'nd4j-cpu'; available: [reference, simd]. The nd4j-cpu and nd4j-cuda"
                + " backends are in the module io.lmkit:lm-backend-nd4j: add it and ND4J's runtime"
                + " (org.nd4j:nd4j-native, or nd4j-cuda-11.6, with the platform classifier) to the classpath.",
                e.getMessage());
    }
}
