package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small commands start without ND4J: {@code lmkit models}, and {@code lmkit score} and {@code eval} on an n-gram
 * model, run in a child JVM with {@code -verbose:class}, load no class of {@code org.nd4j} or
 * {@code org.bytedeco} (ND4J's native loader), so they never wait for native libraries; scoring and
 * evaluating one neither configures Log4j nor loads Jackson; they load no Guice, picocli or Log4j class at
 * all (their fast paths; Guice still wires every other command).
 */
class StartupTest {

    @TempDir
    Path dir;

    /** The classes a child JVM loaded while running {@code lmkit args}, and its output. */
    private static List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, p.exitValue(), output);
        return output.lines().filter(l -> l.startsWith("[") && l.contains("class,load")).toList();
    }

    private static void assertNoNd4j(List<String> classes, String mustHaveRun) {
        assertTrue(classes.stream().anyMatch(l -> l.contains(mustHaveRun)), "the command ran: " + mustHaveRun);
        List<String> native4j = classes.stream()
                .filter(l -> l.contains(" org.nd4j.") || l.contains(" org.bytedeco.")).toList();
        assertEquals(List.of(), native4j, "ND4J classes were loaded");
    }

    @Test
    void modelsLoadsNoNd4jClass() throws Exception {
        assertNoNd4j(loadedClasses("models"), "io.lmkit.cli.internal.ModelsCommand");
    }

    @Test
    void scoringAnNgramModelLoadsNoNd4jClass() throws Exception {
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\nthe dog sat\n");
        Path model = dir.resolve("kn.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--train", train.toString(),
                "--out", model.toString()).exitCode());
        assertNoNd4j(loadedClasses("score", "--model", model.toString(), "the", "cat"), "io.lmkit.ngram.NgramModel");
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat sat\n");
        assertNoNd4j(loadedClasses("eval", "--model", model.toString(), "--test", test.toString()),
                "io.lmkit.ngram.NgramModel");
    }

    @Test
    void evaluatingAndScoringAnNgramModelLoadNeitherGuiceNorPicocliNorLog4j() throws Exception {
        // NgramEvalFastPath and NgramScoreFastPath: picocli's classes are too old for the class-data archive, and Guice's injector and
        // picocli's model of every command were most of a short run's CPU time.
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\nthe dog sat\n");
        Path model = dir.resolve("kn.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--train", train.toString(),
                "--out", model.toString()).exitCode());
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat sat\n");
        List<String> classes = loadedClasses("eval", "--model", model.toString(), "--test", test.toString());
        assertTrue(classes.stream().anyMatch(l -> l.contains("io.lmkit.cli.internal.ParallelNgramEval ")), "fast path");
        assertEquals(List.of(), classes.stream().filter(l -> l.contains(" picocli.") || l.contains(" com.google.inject.")
                || l.contains(" org.apache.logging.log4j.")).toList());
        List<String> scoring = loadedClasses("score", "--model", model.toString(), "the", "cat");
        assertTrue(scoring.stream().anyMatch(l -> l.contains("io.lmkit.cli.internal.ScoreRun ")), "score ran");
        assertEquals(List.of(), scoring.stream().filter(l -> l.contains(" picocli.") || l.contains(" com.google.inject.")
                || l.contains(" org.apache.logging.log4j.")).toList());
    }

    @Test
    void scoringAndEvaluatingAnNgramModelConfigureNoLog4jAndLoadNoJackson() throws Exception {
        // Log4j-core's configuration loads an XML parser and probes for Jackson: about a third of a second.
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\nthe dog sat\n");
        Path model = dir.resolve("kn.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--train", train.toString(),
                "--out", model.toString()).exitCode());
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat sat\n");
        for (List<String> classes : List.of(loadedClasses("score", "--model", model.toString(), "the", "cat"),
                loadedClasses("eval", "--model", model.toString(), "--test", test.toString()))) {
            assertTrue(classes.stream().anyMatch(l -> l.contains("io.lmkit.ngram.NgramModel")), "the command ran");
            assertEquals(List.of(), classes.stream().filter(l -> l.contains(" com.fasterxml.jackson.")
                    || l.contains(" org.apache.logging.log4j.core.config.xml.")).toList());
        }
    }
}
