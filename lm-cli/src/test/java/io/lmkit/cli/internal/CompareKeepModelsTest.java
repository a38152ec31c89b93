package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmkit.cli.internal.CliTest.Run;
import io.lmkit.eval.report.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit compare --keep-models}: the report folder keeps every trained model's file, one that
 * loads and scores the test split to the report's perplexity; none without the flag, none for a
 * pre-built entry, and a resumed comparison keeps the models it reuses.
 */
class CompareKeepModelsTest {

    @TempDir
    Path dir;

    private Path data;
    private Path prebuilt;

    @BeforeEach
    void tinySplitsAndAPrebuiltModel() throws IOException {
        data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\nthe cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\na dog sat\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\nthe cat sat\nthe dog ran\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
        prebuilt = dir.resolve("wb2.zip");
    }

    private void trainPrebuilt() {
        Run trained = lmkit("train", "--model", "witten-bell", "--set", "order=2", "--train",
                data.resolve("brown.train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(), "--out",
                prebuilt.toString());
        assertEquals(0, trained.exitCode(), trained.err());
    }

    /** An n-gram model, a small neural one (checkpointed in the work folder) and a pre-built file. */
    private Path config() throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), """
                data: %s
                seed: 2
                bootstrapResamples: 50
                probes: false
                models:
                  - {model: modified-kneser-ney, label: mkn-2, settings: {order: 2}}
                  - {model: fixed-window, label: fw, settings: {order: 2, embedding: 4, hidden: 8, epochs: 1,
                     backend: reference, threads: 1}}
                  - {model: file, label: wb-2, path: %s}
                outputs: {formats: [markdown, json]}
                """.formatted(slashes(data), slashes(prebuilt)));
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    @Test
    void keptModelsLoadAndScoreTheTestSplitToTheReportsPerplexityAndAPrebuiltEntryKeepsNone() throws IOException {
        trainPrebuilt();
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--config", config().toString(), "--out", out.toString(), "--keep-models");
        assertEquals(0, r.exitCode(), r.err());

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("mkn-2-" + hash("mkn-2") + ".lmkit", "fw-" + hash("fw") + ".lmkit"), list(out),
                "one file per trained entry, none for the pre-built one");
        JsonNode models = results.get("models");
        assertEquals(3, models.size(), models.toString());
        String md = Files.readString(out.resolve("report.md"));
        for (int i = 0; i < 2; i++) {
            JsonNode kept = models.get(i);
            Path file = out.resolve(kept.get("file").asText());
            assertEquals(Files.size(file), kept.get("bytes").asLong(), kept.toString());
            double reported = results.get("rows").get(i).get("testPerplexity").asDouble();
            assertEquals(reported, evalPerplexity(file), 0.0, kept.get("label").asText()
                    + ": the kept file is the model the comparison scored");
            assertTrue(md.contains("| " + kept.get("label").asText() + " | " + kept.get("file").asText() + " | "), md);
        }
        assertEquals("wb-2", models.get(2).get("label").asText());
        assertEquals(prebuilt.toString(), models.get(2).get("prebuilt").asText());
        assertFalse(models.get(2).has("file"), models.toString());
        assertTrue(md.contains("| wb-2 | pre-built: " + prebuilt + " | |"), md);
        assertFalse(Files.exists(dir.resolve("report.work")), "the work folder is deleted once the report is written");
    }

    @Test
    void withoutTheFlagTheReportHasNoModelsFolderAndNoModelsList() throws IOException {
        trainPrebuilt();
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--config", config().toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out.resolve("models")));
        assertFalse(new ObjectMapper().readTree(out.resolve("results.json").toFile()).has("models"));
        assertFalse(Files.readString(out.resolve("report.md")).contains("## Model files"));
    }

    @Test
    void aResumedComparisonKeepsTheModelItReusesFromTheInterruptedRun() throws IOException {
        Files.writeString(prebuilt, "not a model file yet"); // fails the run after mkn-2 and fw have finished
        Path out = dir.resolve("report");
        Run failed = lmkit("compare", "--config", config().toString(), "--out", out.toString(), "--keep-models");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(Files.isDirectory(dir.resolve("report.work")), failed.err());

        trainPrebuilt();
        Run resumed = lmkit("compare", "--config", config().toString(), "--out", out.toString(), "--keep-models",
                "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("reusing fw, finished by the interrupted run"), resumed.err());
        assertEquals(List.of("mkn-2-" + hash("mkn-2") + ".lmkit", "fw-" + hash("fw") + ".lmkit"), list(out));
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        Path fw = out.resolve(results.get("models").get(1).get("file").asText());
        assertEquals(results.get("rows").get(1).get("testPerplexity").asDouble(), evalPerplexity(fw), 0.0);
    }

    @Test
    void aPrebuiltModelTrainedForTheOtherProtocolIsNotedAsATrainedOneWouldBe() throws IOException {
        Path rnn = dir.resolve("rnn-carried.zip");
        Run trained = lmkit("train", "--model", "rnn", "--set", "embedding=4", "--set", "hidden=6", "--set", "epochs=1",
                "--set", "backend=reference", "--set", "threads=1", "--set", "sentenceReset=false", "--train",
                data.resolve("brown.train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(), "--out",
                rnn.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path config = Files.writeString(dir.resolve("p.yaml"), """
                data: %s
                seed: 2
                bootstrapResamples: 20
                probes: false
                protocol: sentence
                models:
                  - {model: file, label: rnn, path: %s}
                outputs: {formats: [json]}
                """.formatted(slashes(data), slashes(rnn)));
        Path out = dir.resolve("sentence");
        Run r = lmkit("compare", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode row = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows").get(0);
        assertTrue(row.get("note").asText().contains("protocol mismatch: trained with the state carried across"
                + " sentences (sentenceReset=false) but scored per sentence"), row.toString());
    }

    /** The test perplexity of {@code model} by {@code lmkit eval}, to the 15 digits results.json keeps. */
    private double evalPerplexity(Path model) throws IOException {
        Run eval = lmkit("eval", "--model", model.toString(), "--test", data.resolve("brown.test.txt").toString(),
                "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        return JsonOutput.readable(new ObjectMapper().readTree(eval.out()).get("perplexity").asDouble());
    }

    /** The files of the report's models/ folder, in the config's order (mkn-2 before fw). */
    private static List<String> list(Path report) throws IOException {
        try (Stream<Path> files = Files.list(report.resolve("models"))) {
            List<String> names = new ArrayList<>(files.map(f -> f.getFileName().toString()).sorted().toList());
            names.sort((a, b) -> Boolean.compare(a.startsWith("fw"), b.startsWith("fw")));
            return names;
        }
    }

    /** The first 4 bytes of the label's SHA-256, as the work folder names entries. */
    private static String hash(String label) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
