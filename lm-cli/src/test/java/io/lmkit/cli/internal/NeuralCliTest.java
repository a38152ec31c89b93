package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixed-window model through the command line, on the float64 reference backend (small and exact). */
class NeuralCliTest {

    @TempDir
    Path dir;

    @Test
    void trainAndEvaluateAFixedWindowModel() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(i % 2 == 0 ? "the cat sat on the mat\n" : "the dog sat on the log\n");
        }
        Path train = Files.writeString(dir.resolve("train.txt"), text.toString());
        Path valid = Files.writeString(dir.resolve("valid.txt"), "the cat sat on the log\n");
        Path model = dir.resolve("fw.zip");
        Run t = lmkit("train", "--model", "fixed-window", "--set", "backend=reference", "--set", "order=3",
                "--set", "embedding=4", "--set", "hidden=8", "--set", "epochs=3", "--set", "batchSize=8",
                "--set", "learningRate=0.02", "--train", train.toString(), "--valid", valid.toString(),
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Run e = lmkit("eval", "--model", model.toString(), "--test", valid.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("\"modelName\":\"fixed-window\"") && e.out().contains("\"tokens\":7"), e.out());
    }

    @Test
    void gradientsWritesATableAndAPlotForARecurrentModel() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append(i % 3 == 0 ? "the cat sat on the mat\n" : "a dog ran to the log\n");
        }
        Path train = Files.writeString(dir.resolve("train.txt"), text.toString());
        Path model = dir.resolve("lstm.zip");
        Run t = lmkit("train", "--model", "lstm", "--set", "backend=reference", "--set", "embedding=4", "--set",
                "hidden=6", "--set", "epochs=1", "--set", "batchSize=2", "--set", "bptt=5", "--train", train.toString(),
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path out = dir.resolve("gradients");
        Run g = lmkit("gradients", "--model", model.toString(), "--data", train.toString(), "--out", out.toString(),
                "--distance", "20", "--streams", "3");
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("lstm: gradient norm"), g.out());
        assertTrue(Files.size(out.resolve("gradients.png")) > 1000);
        assertEquals(22, Files.readAllLines(out.resolve("gradients.csv")).size(), "a header and 21 distances");
        Run generate = lmkit("generate", "--model", model.toString(), "--prompt", "the", "--seed", "2");
        assertEquals(0, generate.exitCode(), generate.err());
        assertTrue(generate.out().startsWith("the"), generate.out());
    }

    @Test
    void anUnknownBackendIsAUsageError() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b\n");
        Run r = lmkit("train", "--model", "fixed-window", "--set", "backend=tpu", "--train", train.toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("No compute backend 'tpu'; available: ["), r.err());
    }

    @Test
    void backendsListsWhatCanRunHere() {
        Run r = lmkit("backends");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("reference") && r.out().contains("default: "), r.out());
    }

    @Test
    void theNd4jBackendsComeFromLmBackendNd4jAndTrainThroughTheCommandLine() throws IOException {
        Run list = lmkit("backends");
        assertTrue(list.out().contains("nd4j-cpu") && list.out().contains("nd4j-cuda"), list.out());
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat on the mat\n".repeat(10));
        Path model = dir.resolve("nd4j.zip");
        Run t = lmkit("train", "--model", "fixed-window", "--set", "backend=nd4j-cpu", "--set", "threads=1",
                "--set", "order=3", "--set", "embedding=4", "--set", "hidden=8", "--set", "epochs=1",
                "--train", train.toString(), "--valid", train.toString(), "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(Files.size(model) > 0);
    }

    @Test
    void aBrokenBackendPluginJarIsOneWarningAndTheOtherBackendsStillWork() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("gpu-backend.jar")))) {
            jar.putNextEntry(new JarEntry("META-INF/services/io.lmkit.neural.backend.BackendProvider"));
            jar.write("org.example.MissingBackend\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Run r = lmkit("--plugins", plugins.toString(), "backends");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("lmkit: warning: jar gpu-backend.jar: class org.example.MissingBackend is listed as a"
                + " compute backend plugin but cannot be loaded"), r.err().lines()
                .map(l -> l.replaceFirst(" \\(.*", "")).toList(), r.err());
        assertTrue(r.out().contains("simd") && r.out().contains("default: "), r.out());
    }
}
