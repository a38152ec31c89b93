package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own model plugin, compiled and packed into a jar by the test, is listed by
 * {@code lmkit models} and trains and evaluates when its folder is given with {@code --plugins}
 * or the {@code LMKIT_PLUGINS} variable, and is unknown without it.
 */
class PluginJarTest {

    /** A plugin outside lmkit's packages: the uniform model under another name, with one setting. */
    private static final String SOURCE = """
            package org.example.lmplugin;

            import io.lmkit.core.io.ModelDataSource;
            import io.lmkit.core.model.LanguageModel;
            import io.lmkit.core.plugin.ModelProvider;
            import io.lmkit.core.reference.UniformModel;
            import io.lmkit.core.train.Trainer;
            import io.lmkit.core.vocab.Vocabulary;

            public final class FlatProvider implements ModelProvider<FlatProvider.Config> {
                public record Config(int flatness) {
                }

                public String name() {
                    return "my-flat";
                }

                public String description() {
                    return "a user's plugin: every word equally likely";
                }

                public Class<Config> configType() {
                    return Config.class;
                }

                public Config defaultConfig() {
                    return new Config(1);
                }

                public Trainer<Config> trainer() {
                    return (data, config, seed, listener) -> new UniformModel(data.vocabulary());
                }

                public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) {
                    return new UniformModel(vocabulary);
                }
            }
            """;

    @TempDir
    static Path dir;

    static Path plugins;

    @BeforeAll
    static void buildThePluginJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/org/example/lmplugin"));
        Path source = Files.writeString(src.resolve("FlatProvider.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int status = javac.run(null, null, new PrintWriterStream(diagnostics), "--release", "17",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertEquals(0, status, diagnostics.toString());
        plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("my-plugin.jar"));
             JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path c : compiled.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(c));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.lmkit.core.plugin.ModelProvider"));
            jar.write("org.example.lmplugin.FlatProvider\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    @Test
    void modelsListsThePluginFromTheFolderBesideLmkitsOwn() {
        Run r = CliTest.lmkit("--plugins", plugins.toString(), "models");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("my-flat               a user's plugin: every word equally likely"
                + " [plugin my-plugin.jar]"), r.out());
        assertTrue(r.out().contains("settings: {flatness=1}") && r.out().contains("modified-kneser-ney"), r.out());
        assertFalse(CliTest.lmkit("models").out().contains("my-flat"), "not without --plugins");
    }

    @Test
    void thePluginTrainsAndEvaluatesThroughTheCommandLine() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b c\nb c d\n");
        Path model = dir.resolve("flat.zip");
        Run t = CliTest.lmkit("train", "--plugins", plugins.toString(), "--model", "my-flat", "--set", "flatness=2",
                "--train", train.toString(), "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().startsWith("trained my-flat {flatness=2} on 2 sentences"), t.out());
        // From the environment variable this time: <unk>, a, b, c, d and </s> are predicted, each with 1/6.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"eval", "--model", model.toString(), "--test", train.toString()},
                new CliEnvironment(java.io.InputStream.nullInputStream(), false,
                        Map.of(LmkitCommand.PLUGINS_VARIABLE, plugins.toString())),
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("perplexity   6.0000"), out.toString());
        Run without = CliTest.lmkit("eval", "--model", model.toString(), "--test", train.toString());
        assertEquals(1, without.exitCode());
        assertTrue(without.err().contains("No model 'my-flat'; available: ["), without.err());
    }

    /** javax.tools writes diagnostics to a Writer; this adapts a StringWriter to the OutputStream it takes. */
    private static final class PrintWriterStream extends OutputStream {
        private final StringWriter target;

        PrintWriterStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }
    }
}
