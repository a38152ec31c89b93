package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: {@code lmkit compare} of two small neural models runs in a child JVM that is
 * killed with SIGKILL once the first model has finished and the second has written a checkpoint;
 * {@code lmkit compare --resume} then reuses the first (not retrained: the log says it is reused
 * and never that it trains) and resumes the second, and results.json has the numbers of an
 * uninterrupted run. A resume with a changed setting is refused, naming the model and the setting.
 */
@Tag("integration")
class CompareResumeIntegrationTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dir;
    static Path data;
    /** The report of the uninterrupted comparison. */
    static Path reference;

    @BeforeAll
    static void splitsAndTheUninterruptedRun() throws Exception {
        data = Files.createDirectory(dir.resolve("data"));
        String[] words = "the a cat dog sat ran on under mat log big small red old new".split(" ");
        SplittableRandom random = new SplittableRandom(5);
        Files.writeString(data.resolve("brown.train.txt"), sentences(random, words, 150));
        Files.writeString(data.resolve("brown.valid.txt"), sentences(random, words, 20));
        Files.writeString(data.resolve("brown.test.txt"), sentences(random, words, 20));
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\n" + String.join("\n", words) + "\n");
        reference = dir.resolve("reference");
        run("reference", compareArgs(reference, "24"), 0);
        assertFalse(Files.exists(dir.resolve("reference.work")), "the work folder is deleted after the report");
    }

    private static String sentences(SplittableRandom random, String[] words, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int n = 4 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                text.append(j > 0 ? " " : "").append(words[random.nextInt(words.length)]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Two neural models on the reference backend, the second with several epochs so it is killed
     * mid-way, and their mixture (tuned on the first model as reloaded from the work folder).
     */
    static List<String> compareArgs(Path out, String lstmHidden) throws IOException {
        Path config = Files.writeString(dir.resolve("compare-" + lstmHidden + ".yaml"), """
                data: %s
                seed: 3
                bootstrapResamples: 200
                probes: false
                models:
                  - {model: fixed-window, label: fw, settings: {order: 3, embedding: 8, hidden: 16, epochs: 2,
                     backend: reference, threads: 1}}
                  - {model: lstm, label: lstm, settings: {embedding: 8, hidden: %s, bptt: 5, batchSize: 4,
                     epochs: 6, patience: 6, backend: reference, threads: 1}}
                mixtures:
                  - fw + lstm
                """.formatted(data.toString().replace('\\', '/'), lstmHidden));
        return List.of("compare", "--config", config.toString(), "--out", out.toString());
    }

    static Process start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    static String run(String name, List<String> args, int expectedExit) throws Exception {
        Process p = start(name, args);
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " did not finish");
        String log = Files.readString(dir.resolve(name + ".log"));
        assertEquals(expectedExit, p.exitValue(), log);
        return log;
    }

    /** The one file named {@code name} in an entry folder of {@code work} whose name starts with {@code label}. */
    static Optional<Path> entryFile(Path work, String label, String name) throws IOException {
        if (!Files.isDirectory(work)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.filter(e -> e.getFileName().toString().startsWith(label + "-"))
                    .map(e -> e.resolve(name)).filter(Files::isRegularFile).findFirst();
        }
    }

    @Test
    void aKilledComparisonRefusesAChangedConfigAndResumesToTheUninterruptedResultsWithoutRetraining() throws Exception {
        Path out = dir.resolve("killed");
        Path work = dir.resolve("killed.work");
        Process p = start("killed", compareArgs(out, "24"));
        awaitLstmCheckpoint(p, work, "killed");
        p.destroyForcibly();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertTrue(entryFile(work, "fw", "model.lmkit").isPresent(), "fw's model is kept");
        assertTrue(entryFile(work, "fw", "result.json").isPresent(), "fw finished before the kill");
        assertTrue(entryFile(work, "lstm", "result.json").isEmpty(), "lstm was killed mid-training");
        assertFalse(Files.exists(out.resolve("results.json")), "no report from a killed run");

        List<String> changed = new ArrayList<>(compareArgs(out, "32"));
        changed.add("--resume");
        String refused = run("changed", changed, 1);
        assertTrue(refused.contains("lmkit: --resume: model 'lstm' is not the one the interrupted comparison trained:"
                + " setting hidden was 24, now 32. Restore the config, or run without --resume to start afresh"),
                refused);

        List<String> resumed = new ArrayList<>(compareArgs(out, "24"));
        resumed.add("--resume");
        String log = run("resumed", resumed, 0);
        assertTrue(log.contains("reusing fw, finished by the interrupted run"), log);
        assertFalse(log.contains("training fw"), log);
        assertTrue(log.contains("training lstm"), log);
        assertSameNumbers(reference.resolve("results.json"), out.resolve("results.json"));
        assertFalse(Files.exists(work), "the work folder is deleted after the report");
    }

    static void awaitLstmCheckpoint(Process p, Path work, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (entryFile(work, "lstm", "checkpoint.ckpt").isEmpty()) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no lstm checkpoint before the run ended: "
                    + Files.readString(dir.resolve(name + ".log")));
            Thread.sleep(5);
        }
    }

    @Test
    void sigtermWritesTheTrainingModelsCheckpointAndSaysHowToResume() throws Exception {
        Path out = dir.resolve("stopped");
        Path work = dir.resolve("stopped.work");
        Process p = start("stopped", compareArgs(out, "24"));
        awaitLstmCheckpoint(p, work, "stopped");
        assertEquals(0, new ProcessBuilder("/bin/kill", "-TERM", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("stopped.log"));
        assertEquals(143, p.exitValue(), log);
        Path checkpoint = entryFile(work, "lstm", "checkpoint.ckpt").orElseThrow();
        assertTrue(log.contains("lmkit: the comparison stopped on request; the model in training wrote its checkpoint"
                + " to " + checkpoint + ". Continue with the same command and --resume"), log);

        List<String> resumed = new ArrayList<>(compareArgs(out, "24"));
        resumed.add("--resume");
        run("stopped-resumed", resumed, 0);
        assertSameNumbers(reference.resolve("results.json"), out.resolve("results.json"));
    }

    /** Every row's perplexities, every bootstrap difference and every learning-curve pass, to the last bit. */
    static void assertSameNumbers(Path expected, Path actual) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(expected.toFile());
        JsonNode b = json.readTree(actual.toFile());
        assertEquals(3, a.get("rows").size(), "fw, lstm and their mixture");
        assertEquals(a.get("rows").size(), b.get("rows").size());
        for (int i = 0; i < a.get("rows").size(); i++) {
            for (String field : List.of("label", "config", "validPerplexity", "testPerplexity", "bitsPerToken",
                    "size")) {
                assertEquals(a.get("rows").get(i).get(field), b.get("rows").get(i).get(field), field + " of row " + i);
            }
        }
        assertEquals(a.get("differences"), b.get("differences"));
        assertEquals(6, curves(a).stream().filter(c -> c.startsWith("lstm ")).count(), "a pass per epoch");
        assertEquals(curves(a), curves(b), "every validation pass, the interrupted run's and the resumed run's");
    }

    /** Each learning curve as label, tokens seen and validation perplexity per pass (wall seconds differ). */
    static List<String> curves(JsonNode results) {
        List<String> out = new ArrayList<>();
        for (JsonNode curve : results.get("curves")) {
            for (JsonNode point : curve.get("points")) {
                out.add(curve.get("label").asText() + " " + point.get("tokensSeen") + " " + point.get("validPerplexity"));
            }
        }
        return out;
    }
}
