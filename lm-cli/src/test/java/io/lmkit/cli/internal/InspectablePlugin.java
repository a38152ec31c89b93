package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin jar, compiled by the test, whose model plugin {@code inspectable} (setting
 * {@code context}) trains an {@link InspectableModel}: the way a test reaches {@code lmkit attention}
 * and {@code lmkit gradients} with a model file before lm-transformer exists, given with
 * {@code --plugins DIR} so that no other test sees the plugin.
 */
final class InspectablePlugin {

    private static final String SOURCE = """
            package org.example.inspectable;

            import io.lmkit.cli.internal.InspectableModel;
            import io.lmkit.core.model.LanguageModel;
            import io.lmkit.core.model.ModelDataSource;
            import io.lmkit.core.plugin.ModelProvider;
            import io.lmkit.core.train.Trainer;
            import io.lmkit.core.vocab.Vocabulary;

            public final class InspectableProvider implements ModelProvider<InspectableProvider.Config> {
                public record Config(int context) {
                }

                public String name() {
                    return "inspectable";
                }

                public String description() {
                    return "a test double with attention weights and gradient norms known by hand";
                }

                public Class<Config> configType() {
                    return Config.class;
                }

                public Config defaultConfig() {
                    return new Config(8);
                }

                public Trainer<Config> trainer() {
                    return (data, config, seed, listener) -> new InspectableModel(data.vocabulary(), config.context());
                }

                public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) {
                    return new InspectableModel(vocabulary, config.context());
                }
            }
            """;

    private InspectablePlugin() {
    }

    /** Compiles the plugin into a jar in {@code dir}/plugins; returns that folder, for {@code --plugins}. */
    static Path folder(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("inspectable-src/org/example/inspectable"));
        Path source = Files.writeString(src.resolve("InspectableProvider.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("inspectable-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int status = javac.run(null, null, new WriterStream(diagnostics), "--release", "17",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertEquals(0, status, diagnostics.toString());
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("inspectable.jar"));
             JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path c : compiled.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(c));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.lmkit.core.plugin.ModelProvider"));
            jar.write("org.example.inspectable.InspectableProvider\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return plugins;
    }

    /** javac's diagnostics into a string, for the assertion message. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter target;

        WriterStream(StringWriter target) {
            this.target = new PrintWriter(target, true);
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
