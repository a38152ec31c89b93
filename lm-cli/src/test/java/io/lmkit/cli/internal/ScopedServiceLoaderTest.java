package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.ngram.NgramModel;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The class loader view the n-gram fast paths discover their plugins through. */
class ScopedServiceLoaderTest {

    private static final ClassLoader LMKIT = ScopedServiceLoaderTest.class.getClassLoader();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<String> modelNames(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        for (Object p : ServiceLoader.load((Class) ModelProvider.class, loader)) {
            names.add(((ModelProvider<?>) p).name());
        }
        return names;
    }

    @Test
    void onlyTheAnchorsJarsAreAskedForServicesFiles() {
        Set<String> scoped = modelNames(new ScopedServiceLoader(LMKIT, NgramModel.class));
        assertEquals(new TreeSet<>(List.of("absolute-discounting", "arpa", "katz", "kneser-ney", "laplace", "lidstone",
                "mle", "modified-kneser-ney", "static-mixture", "stupid-backoff", "witten-bell")), scoped);
        Set<String> everything = modelNames(LMKIT);
        assertTrue(everything.containsAll(scoped), everything.toString());
        assertTrue(everything.containsAll(List.of("lstm", "fixed-window", "transformer", "mixture", "unigram")),
                "the full discovery sees the other modules' plugins: " + everything);
    }

    @Test
    void classesComeFromLmkitsOwnLoaderSoTheyAreTheSameClasses() throws Exception {
        ScopedServiceLoader scoped = new ScopedServiceLoader(LMKIT, NgramModel.class, TokenizerProvider.class);
        assertSame(NgramModel.class, Class.forName(NgramModel.class.getName(), false, scoped));
        TokenizerProvider whitespace = ServiceLoader.load(TokenizerProvider.class, scoped).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("whitespace")).findFirst().orElseThrow();
        assertSame(LMKIT, whitespace.getClass().getClassLoader());
    }

    @Test
    void otherResourcesAreLookedUpAsUsual() throws Exception {
        ScopedServiceLoader scoped = new ScopedServiceLoader(LMKIT, NgramModel.class);
        assertEquals(List.of(), Collections.list(scoped.getResources(
                "META-INF/services/io.lmkit.neural.backend.BackendProvider")), "lm-ngram lists no backends");
        List<URL> config = Collections.list(LMKIT.getResources("log4j2.xml"));
        assertEquals(1, config.size(), config.toString());
        assertEquals(config, Collections.list(scoped.getResources("log4j2.xml")));
    }
}
