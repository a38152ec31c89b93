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
import java.util.List;
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
 * or the {@code LMKIT_PLUGINS} variable, and is unknown without it. Broken plugins (named like a
 * built-in, no name, a throwing constructor or static initialiser, no trainer, a missing class, a
 * jar that is not a zip) are each one warning line naming the jar and class, and are skipped.
 */
class PluginJarTest {

    /** A plugin outside lmkit's packages: the uniform model under another name, with one setting. */
    private static final String SOURCE = """
            package org.example.lmplugin;

            import io.lmkit.core.model.ModelDataSource;
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

    /** A provider broken in one way: the class name, an extra member, its name() and its trainer(). */
    private static String broken(String className, String extra, String name, String trainer) {
        return """
                package org.example.broken;

                import io.lmkit.core.model.ModelDataSource;
                import io.lmkit.core.model.LanguageModel;
                import io.lmkit.core.plugin.ModelProvider;
                import io.lmkit.core.reference.UniformModel;
                import io.lmkit.core.train.Trainer;
                import io.lmkit.core.vocab.Vocabulary;

                public final class %1$s implements ModelProvider<%1$s.Config> {
                    %2$s
                    public record Config(int flatness) {
                    }
                    public String name() {
                        return %3$s;
                    }
                    public String description() {
                        return "a broken plugin";
                    }
                    public Class<Config> configType() {
                        return Config.class;
                    }
                    public Config defaultConfig() {
                        return new Config(1);
                    }
                    public Trainer<Config> trainer() {
                        return %4$s;
                    }
                    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) {
                        return new UniformModel(vocabulary);
                    }
                }
                """.formatted(className, extra, name, trainer);
    }

    private static final String WORKING_TRAINER = "(data, config, seed, listener) -> new UniformModel(data.vocabulary())";

    /**
     * A folder with the working plugin and one jar for each way a plugin can be broken: named like a
     * built-in, a null name, a constructor or a static initialiser that throws, a null trainer, a
     * services file naming a missing class, and jars that are not zips (random bytes, empty, truncated).
     */
    static Path brokenPlugins() throws IOException {
        Path root = Files.createDirectories(dir.resolve("broken"));
        Path src = Files.createDirectories(root.resolve("src/org/example/broken"));
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        sources.put("LikeLstm", broken("LikeLstm", "", "\"lstm\"", WORKING_TRAINER));
        sources.put("NoName", broken("NoName", "", "null", WORKING_TRAINER));
        sources.put("ThrowingConstructor", broken("ThrowingConstructor", "public ThrowingConstructor() {"
                + " throw new IllegalStateException(\"no licence key\"); }", "\"throws-new\"", WORKING_TRAINER));
        sources.put("ThrowingStatic", broken("ThrowingStatic", "static final int X = Integer.parseInt(\"x\");",
                "\"throws-static\"", WORKING_TRAINER));
        sources.put("NoTrainer", broken("NoTrainer", "", "\"no-trainer\"", "null"));
        List<String> files = new java.util.ArrayList<>(List.of("--release", "17", "-classpath",
                System.getProperty("java.class.path"), "-d", root.resolve("classes").toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            files.add(Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue()).toString());
        }
        StringWriter diagnostics = new StringWriter();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, new PrintWriterStream(diagnostics),
                files.toArray(String[]::new)), diagnostics.toString());
        Path folder = Files.createDirectories(root.resolve("plugins"));
        Files.copy(plugins.resolve("my-plugin.jar"), folder.resolve("my-plugin.jar"));
        for (String name : sources.keySet()) {
            pack(root.resolve("classes"), folder.resolve(name + ".jar"), "org/example/broken/" + name,
                    "org.example.broken." + name);
        }
        pack(root.resolve("classes"), folder.resolve("Missing.jar"), "none", "org.example.broken.Missing");
        Files.write(folder.resolve("random.jar"), new java.util.Random(3).ints(300, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, (o, b) -> o.write(b), (a, b) -> { }).toByteArray());
        Files.write(folder.resolve("empty.jar"), new byte[0]);
        byte[] whole = Files.readAllBytes(plugins.resolve("my-plugin.jar"));
        Files.write(folder.resolve("truncated.jar"), java.util.Arrays.copyOf(whole, whole.length / 2));
        return folder;
    }

    /** A jar of the compiled classes whose path starts with {@code prefix}, listing {@code provider}. */
    private static void pack(Path classes, Path jarFile, String prefix, String provider) throws IOException {
        try (OutputStream file = Files.newOutputStream(jarFile);
             JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path c : compiled.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(c).toString().replace('\\', '/');
                if (entry.startsWith(prefix + ".") || entry.startsWith(prefix + "$")) {
                    jar.putNextEntry(new JarEntry(entry));
                    jar.write(Files.readAllBytes(c));
                    jar.closeEntry();
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.lmkit.core.plugin.ModelProvider"));
            jar.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    @Test
    void eachBrokenPluginIsOneWarningLineNamingItsJarAndClassAndEveryCommandKeepsWorking() throws IOException {
        Path broken = brokenPlugins();
        Run help = CliTest.lmkit("--plugins", broken.toString(), "--help");
        assertEquals(0, help.exitCode(), help.err());
        Run models = CliTest.lmkit("--plugins", broken.toString(), "models");
        assertEquals(0, models.exitCode(), models.err());
        assertTrue(models.out().contains("my-flat") && models.out().contains("lstm"), models.out());
        String notAZip = " is not a jar (zip) file (%s): it may be empty or truncated; it is skipped. Rebuild it or"
                + " remove it from " + broken;
        String unusable = " is not a usable model plugin: its %s is null; skipped. Fix or remove that jar";
        List<String> expected = List.of(
                "plugin jar " + broken.resolve("empty.jar") + notAZip.formatted("zip file is empty"),
                "plugin jar " + broken.resolve("random.jar") + notAZip.formatted("zip END header not found"),
                "plugin jar " + broken.resolve("truncated.jar") + notAZip.formatted("zip END header not found"),
                "jar LikeLstm.jar: class org.example.broken.LikeLstm is named 'lstm' like lmkit's own model"
                        + " (io.lmkit.rnn.model.LstmProvider); skipped. Give it another name",
                "jar Missing.jar: class org.example.broken.Missing is listed as a model plugin but cannot be loaded"
                        + " (Provider org.example.broken.Missing not found); skipped. Rebuild or remove that jar",
                "jar NoName.jar: class org.example.broken.NoName" + unusable.replace("%s is null", "name() is null"),
                "jar NoTrainer.jar: class org.example.broken.NoTrainer" + unusable.formatted("trainer()"),
                "jar ThrowingConstructor.jar: class org.example.broken.ThrowingConstructor cannot be created:"
                        + " IllegalStateException: no licence key; skipped. Fix or remove that jar",
                "jar ThrowingStatic.jar: class org.example.broken.ThrowingStatic cannot be created:"
                        + " NumberFormatException: For input string: \"x\"; skipped. Fix or remove that jar");
        List<String> lines = expected.stream().map(w -> "lmkit: warning: " + w).toList();
        assertEquals(lines, models.err().lines().toList());
        assertEquals(lines, help.err().lines().toList(), "--help works and names the same broken jars");

        Path train = Files.writeString(dir.resolve("train-broken.txt"), "a b c\nb c d\n");
        Run works = CliTest.lmkit("train", "--plugins", broken.toString(), "--model", "my-flat", "--train",
                train.toString(), "--out", dir.resolve("flat-broken.zip").toString());
        assertEquals(0, works.exitCode(), works.err());
        Run asked = CliTest.lmkit("train", "--plugins", broken.toString(), "--model", "throws-new", "--train",
                train.toString(), "--out", dir.resolve("never.zip").toString());
        assertEquals(2, asked.exitCode(), asked.err());
        assertTrue(asked.err().contains("No model 'throws-new'; available: [") && asked.err().contains(
                "6 broken model plugin(s) were skipped: ") && asked.err().contains("class"
                + " org.example.broken.ThrowingConstructor cannot be created: IllegalStateException: no licence key"),
                asked.err());
        assertFalse(asked.err().contains("\tat ") || asked.err().contains("CreationException"), "no stack trace: "
                + asked.err());
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
