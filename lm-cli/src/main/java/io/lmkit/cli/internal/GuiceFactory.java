package io.lmkit.cli.internal;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands through Guice, so commands can {@code @Inject} the plugin registries. */
final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isInterface() || !type.getPackageName().startsWith("io.lmkit")) {
            // Collections, converters and other picocli internals are not ours to inject.
            return fallback.create(type);
        }
        try {
            return injector.getInstance(type);
        } catch (ConfigurationException e) {
            return fallback.create(type);
        }
    }
}
