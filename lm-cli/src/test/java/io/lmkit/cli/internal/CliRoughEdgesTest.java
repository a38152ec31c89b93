package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's rough edges of issue 14, each as the user meets it: {@code <unk>} in generated text and
 * predictions, options that are silently ignored, errors that do not name the fix, a report line that
 * lists files not written, leftover checkpoints and the layout of {@code data split}. The error messages
 * are kept in one golden transcript (golden/rough-edges-errors.txt).
 */
class CliRoughEdgesTest {

    @TempDir
    static Path dir;

    /** Five sentences "the X sat" with five different X: with --min-count 2 every X is {@code <unk>}. */
    static Path text;
    static Path unkHeavy;
    static Path lstm;

    @BeforeAll
    static void trainModels() throws IOException {
        text = Files.writeString(dir.resolve("text.txt"),
                "the cat sat\nthe dog sat\nthe emu sat\nthe fox sat\nthe gnu sat\nthe cat ran\n");
        unkHeavy = dir.resolve("unk-heavy.zip");
        ok(lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=2", "--min-count", "2",
                "--train", text.toString(), "--out", unkHeavy.toString()));
        lstm = dir.resolve("lstm.zip");
        ok(lmkit("--quiet", "train", "--model", "lstm", "--set", "backend=reference", "--set", "embedding=4",
                "--set", "hidden=4", "--set", "epochs=1", "--set", "batchSize=2", "--set", "bptt=3",
                "--train", text.toString(), "--out", lstm.toString()));
    }

    static Run ok(Run r) {
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @Test
    void generateLeavesUnkOutUnlessAllowed() {
        // After "the", <unk> is by far the most probable word: greedy decoding would pick it every time.
        Run greedy = ok(lmkit("generate", "--model", unkHeavy.toString(), "--prompt", "the", "--greedy"));
        assertFalse(greedy.out().contains("<unk>"), greedy.out());
        for (int seed = 1; seed <= 5; seed++) {
            Run sampled = ok(lmkit("generate", "--model", unkHeavy.toString(), "--prompt", "the", "--seed",
                    Integer.toString(seed), "--samples", "3"));
            assertFalse(sampled.out().contains("<unk>"), sampled.out());
        }
        Run allowed = ok(lmkit("generate", "--model", unkHeavy.toString(), "--prompt", "the", "--greedy",
                "--allow-unk", "--max-words", "1"));
        assertEquals("the <unk>\n", allowed.out());
    }

    @Test
    void predictAndTheReplLeaveUnkOutUnlessAllowed() {
        Run predict = ok(lmkit("predict", "--model", unkHeavy.toString(), "--top", "2", "the"));
        assertFalse(predict.out().contains("<unk>"), predict.out());
        Run allowed = ok(lmkit("predict", "--model", unkHeavy.toString(), "--top", "2", "--allow-unk", "the"));
        assertTrue(allowed.out().lines().toList().get(2).startsWith("   1  <unk> "), allowed.out());
        Run repl = ok(CommandsGoldenTest.lmkitWithInput("the\n:generate the\n", "repl", "--model",
                unkHeavy.toString(), "--top", "2"));
        assertFalse(repl.out().contains("<unk>"), repl.out());
        Run replAllowed = ok(CommandsGoldenTest.lmkitWithInput("the\n", "repl", "--model", unkHeavy.toString(),
                "--top", "2", "--allow-unk"));
        assertTrue(replAllowed.out().contains("<unk>"), replAllowed.out());
    }

    @Test
    void predictAndTheReplListTheSameNumberOfWordsByDefault() {
        for (String command : new String[] {"predict", "repl"}) {
            String help = ok(lmkit(command, "--help")).out();
            assertTrue(help.contains("--top=K") && help.contains("Default: 10"), help);
        }
    }

    @Test
    void everyFailureNamesTheOptionsThatFixIt() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\nsat\n");
        Path ngram = dir.resolve("ngram.zip");
        ok(lmkit("--quiet", "train", "--model", "katz", "--set", "order=2", "--train", text.toString(), "--out",
                ngram.toString()));
        Path withoutPlugin = withModelName(ngram, "cache-unigram");
        String[][] cases = {
            {"2", "train", "--model", "katz", "--train", text.toString(), "--vocab", vocab.toString(), "--min-count",
                "50", "--out", dir.resolve("x.zip").toString()},
            {"2", "train", "--model", "katz", "--train", text.toString(), "--vocab", vocab.toString(), "--max-vocab",
                "3", "--out", dir.resolve("x.zip").toString()},
            {"1", "predict", "--model", withoutPlugin.toString(), "the"},
            {"1", "gradients", "--model", ngram.toString(), "--data", text.toString(), "--out",
                dir.resolve("g").toString()},
            {"1", "gradients", "--model", lstm.toString(), "--data", text.toString(), "--out",
                dir.resolve("g").toString()},
        };
        StringBuilder transcript = new StringBuilder();
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = lmkit(args);
            transcript.append("$ lmkit ").append(String.join(" ", args)).append('\n')
                    .append("exit ").append(r.exitCode()).append('\n').append(r.err());
            assertEquals(Integer.parseInt(c[0]), r.exitCode(), String.join(" ", args) + ": " + r.err());
        }
        Golden.assertMatches("rough-edges-errors.txt", transcript.toString(), dir);
    }

    @Test
    void theDefaultCheckpointGoesOnceTheModelIsWrittenAndANamedOneStays() {
        assertTrue(Files.isRegularFile(lstm), "the model is written");
        assertFalse(Files.exists(Path.of(lstm + ".ckpt")), "the automatic checkpoint is deleted");
        Path named = dir.resolve("kept.ckpt");
        Path model = dir.resolve("lstm2.zip");
        ok(lmkit("--quiet", "train", "--model", "lstm", "--set", "backend=reference", "--set", "embedding=4",
                "--set", "hidden=4", "--set", "epochs=1", "--set", "batchSize=2", "--set", "bptt=3",
                "--train", text.toString(), "--out", model.toString(), "--checkpoint", named.toString()));
        assertTrue(Files.isRegularFile(named), "a checkpoint the user named is kept");
        assertTrue(ok(lmkit("train", "--help")).out().contains("the default one is deleted"));
    }

    @Test
    void dataSplitWritesTheGenericLayoutAndLogsTwoLinesForASmallFile() throws IOException {
        Path out = dir.resolve("split");
        Run r = ok(CommandsGoldenTest.lmkitWithInput("", "data", "split", "--input", text.toString(), "--out",
                out.toString(), "--valid", "0.2", "--test", "0.2"));
        for (String name : new String[] {"train.txt", "valid.txt", "test.txt", "vocab.txt"}) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertEquals(List.of("splitting text.txt: started, 360 bytes read (5 passes)",
                "splitting text.txt: done, 360 bytes read (5 passes) in 0:00, writing test.txt from text.txt:"
                        + " 6 sentences"), r.err().lines().toList());
    }

    @Test
    void compareReadsTheNewLayoutAndNamesOnlyTheFilesItWrote() throws IOException {
        Path data = dir.resolve("split-for-compare");
        ok(lmkit("--quiet", "data", "split", "--input", text.toString(), "--out", data.toString(), "--valid", "0.2",
                "--test", "0.2"));
        Path out = dir.resolve("report");
        Path config = Files.writeString(dir.resolve("markdown-only.yaml"), """
                data: %s
                models:
                  - {model: uniform}
                outputs: {dir: %s, formats: [markdown]}
                """.formatted(data.toString().replace('\\', '/'), out.toString().replace('\\', '/')));
        Run r = ok(lmkit("--quiet", "compare", "--config", config.toString(), "--no-probes"));
        assertTrue(r.out().endsWith("\nfull report: " + out.resolve("report.md") + "\n"), r.out());
        assertFalse(Files.exists(out.resolve("report.html")));
    }

    @Test
    void theReportLineListsTheOtherFilesByNameAndThePlotsAsOneFolder() {
        Path d = Path.of("r");
        assertEquals("full report: r/report.md (and results.csv, plots/)", ReportFiles.summary(d,
                List.of(d.resolve("report.md"), d.resolve("results.csv"), d.resolve("plots/a.png"),
                        d.resolve("plots/b.png"))).replace('\\', '/'));
        assertEquals("full report: r/results.json", ReportFiles.summary(d, List.of(d.resolve("results.json")))
                .replace('\\', '/'));
    }

    @Test
    void nd4jsSlf4jLoggingGoesToLog4jNotToTheNoOpLoggerWithAWarning() {
        // Without a binding SLF4J 1.7 prints "Failed to load class StaticLoggerBinder" and drops every message.
        assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory",
                org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
    }

    /** A copy of {@code from} whose manifest names another model plugin, as if written with a plugin jar. */
    static Path withModelName(Path from, String name) throws IOException {
        Path to = dir.resolve(name + ".zip");
        try (ZipFile zip = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals("manifest.properties")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replaceAll("(?m)^model=.*$", "model=" + name)
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }
}
