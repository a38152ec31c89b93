package io.lmkit.cli.internal;

import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmkit models}: the model plugins on the classpath, with descriptions and default settings. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the model plugins found on the classpath.")
final class ModelsCommand implements Runnable {

    private final PluginRegistry<ModelProvider<?>> models;

    @Spec
    private CommandSpec spec;

    @Inject
    ModelsCommand(PluginRegistry<ModelProvider<?>> models) {
        this.models = models;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = models.all().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (ModelProvider<?> p : models.all()) {
            out.printf("%-" + width + "s  %s%s%n", p.name(), p.description(), origin(p));
            var settings = ConfigBinder.toSettings(p.defaultConfig());
            if (!settings.isEmpty()) {
                out.printf("%-" + width + "s  settings: %s%n", "", settings);
            }
        }
    }

    /** Where a plugin from the user's plugin folder came from, so that it is told apart from lmkit's own. */
    private static String origin(ModelProvider<?> p) {
        if (!"lmkit-plugins".equals(p.getClass().getClassLoader().getName())) {
            return "";
        }
        CodeSource source = p.getClass().getProtectionDomain().getCodeSource();
        try {
            return source == null ? " [plugin]"
                    : " [plugin " + Path.of(source.getLocation().toURI()).getFileName() + "]";
        } catch (URISyntaxException | IllegalArgumentException e) {
            return " [plugin " + source.getLocation() + "]";
        }
    }
}
