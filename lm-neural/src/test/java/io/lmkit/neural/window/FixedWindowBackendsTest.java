package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.LmkitModule;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.neural.backend.BackendLoaders;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.NeuralModule;
import io.lmkit.neural.backend.TestBackendProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed-window provider chooses its backend from the application's registry when Guice gives it one
 * (NeuralModule), and from the backends on its own class loader when it is built by hand.
 */
class FixedWindowBackendsTest {

    @TempDir
    Path dir;

    private static FixedWindowConfig asking(FixedWindowProvider p, String backend) {
        return ConfigBinder.bind(FixedWindowConfig.class, p.defaultConfig(), Map.of("backend", backend,
                "threads", "1"), "model 'fixed-window'");
    }

    @Test
    void theProviderBoundByLmkitModuleChoosesFromNeuralModulesRegistry() {
        ClassLoader plugins = BackendLoaders.listing(dir, TestBackendProvider.class.getName());
        Injector injector = Guice.createInjector(new LmkitModule(getClass().getClassLoader()),
                new NeuralModule(plugins, problem -> { }));
        FixedWindowProvider p = (FixedWindowProvider) injector.getInstance(
                Key.get(new TypeLiteral<PluginRegistry<ModelProvider<?>>>() { })).get("fixed-window");
        try (ComputeBackend backend = p.backend(asking(p, TestBackendProvider.NAME))) {
            assertEquals("reference", backend.name(), "the test backend is the reference under another name");
        }
    }

    @Test
    void aProviderBuiltByHandFindsTheBackendsOnItsClassLoader() {
        FixedWindowProvider p = new FixedWindowProvider();
        try (ComputeBackend backend = p.backend(asking(p, "reference"))) {
            assertEquals("reference", backend.name());
        }
        LmkitException e = assertThrows(LmkitException.class, () -> p.backend(asking(p, TestBackendProvider.NAME)));
        assertTrue(e.getMessage().startsWith("No compute backend 'test-backend'; available: [reference, simd]."),
                e.getMessage());
    }
}
