package io.lmkit.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.lmkit.core.LmkitException;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.text.TokenizerProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class LmkitModuleTest {

    private final Injector injector = Guice.createInjector(new LmkitModule(getClass().getClassLoader()));

    @Test
    void modelPluginsAreDiscoveredAndBoundByName() {
        PluginRegistry<ModelProvider<?>> models =
                injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<ModelProvider<?>>>() { }));
        assertEquals(List.of("uniform", "unigram"), models.all().stream().map(ModelProvider::name).toList());
        assertTrue(models.get("uniform") instanceof UniformProvider);
        assertSame(models, injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<ModelProvider<?>>>() { })),
                "discovered once per injector");
    }

    @Test
    void tokenizerPluginsAreBoundToo() {
        PluginRegistry<TokenizerProvider> tokenizers =
                injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<TokenizerProvider>>() { }));
        assertEquals(List.of("a", "b"), tokenizers.get("whitespace").create().tokenize("a b"));
    }

    @Test
    void anUnknownModelNameListsTheAvailableModelsAndTheModuleToAdd() {
        PluginRegistry<ModelProvider<?>> models =
                injector.getInstance(Key.get(new TypeLiteral<PluginRegistry<ModelProvider<?>>>() { }));
        String m = assertThrows(LmkitException.class, () -> models.get("kn5")).getMessage();
        assertTrue(m.startsWith("No model 'kn5'; available: [uniform, unigram]. Is the module"), m);
        assertTrue(m.contains("lm-ngram"), m);
    }

    @Test
    void twoPluginsWithOneNameAreRejected() {
        String m = assertThrows(LmkitException.class, () -> new PluginRegistry<>("model", "",
                List.of(new UniformProvider(), new UniformProvider()))).getMessage();
        assertTrue(m.contains("two model plugins are named 'uniform'"), m);
    }
}
