package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.testkit.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lmkit command end to end, in-process, on small corpora written by the tests. */
class CliTest {

    /** What one run of lmkit printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run lmkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void modelsListsThePluginsWithDescriptions() {
        Run r = lmkit("models");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("uniform") && r.out().contains("unigram"), r.out());
        assertTrue(r.out().matches("(?s).*modified-kneser-ney +interpolated modified Kneser-Ney.*"), r.out());
        assertTrue(r.out().contains("settings: {addK=1.0}"), r.out());
    }

    @Test
    void trainThenEvalReportsThePerplexityOfTheSavedModel() throws IOException {
        Path train = write("train.txt", "I am Sam\nSam I am\nI do not like green eggs and ham\n");
        Path test = write("test.txt", "I am Sam\n");
        Path model = dir.resolve("models/unigram.zip");
        Run t = lmkit("train", "--model", "unigram", "--train", train.toString(), "--min-count", "2",
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(Files.isRegularFile(model));
        Run e = lmkit("eval", "--model", model.toString(), "--test", test.toString());
        assertEquals(0, e.exitCode(), e.err());
        // Same model as the hand-checked one in lm-eval: P(I) = P(</s>) = 4/22, P(am) = P(Sam) = 3/22.
        double ppl = Math.exp(-(2 * Math.log(4.0 / 22) + 2 * Math.log(3.0 / 22)) / 4);
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "perplexity   %.4f", ppl)), e.out());
        assertTrue(e.out().contains("tokens       4 (3 words + 1 </s>)"), e.out());
        Run json = lmkit("eval", "--model", model.toString(), "--test", test.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().startsWith("{\"model\":") && json.out().contains("\"tokens\":4"), json.out());
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"perplexity\":([0-9.Ee+-]+)")
                .matcher(json.out());
        assertTrue(value.find(), json.out());
        assertEquals(ppl, Double.parseDouble(value.group(1)), 1e-12);
    }

    @Test
    void dataBrownWritesTheSplitsFromAGivenSource() throws IOException {
        Path source = Files.createDirectory(dir.resolve("brown"));
        Files.writeString(source.resolve("ca01"), "\tThe/at jury/nn said/vbd ./.\n\n\tThe/at jury/nn ./.\n");
        Path out = dir.resolve("out");
        Run r = lmkit("data", "brown", "--source", source.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("<unk> <unk> <unk> <unk>\n<unk> <unk> <unk>\n",
                Files.readString(out.resolve("train.txt")), "no word is seen 4 times");
        assertTrue(Files.isRegularFile(out.resolve("vocab.txt")));
        assertTrue(r.out().contains("2 sentences"), r.out());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() throws IOException {
        Path train = write("train.txt", "a b\n");
        Run unknown = lmkit("train", "--model", "kn5", "--train", train.toString(), "--out", "x.zip");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("No model 'kn5'; available: [") && unknown.err().contains("modified-kneser-ney")
                && unknown.err().contains("unigram"), unknown.err());
        Run typo = lmkit("train", "--model", "unigram", "--set", "addk=2", "--train", train.toString(), "--out", "x");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("unknown setting 'addk'"), typo.err());
        Run badValue = lmkit("train", "--model", "unigram", "--set", "addK=-1", "--train", train.toString(),
                "--out", "x");
        assertEquals(2, badValue.exitCode());
        assertTrue(badValue.err().contains("addK must be a positive number"), badValue.err());
        Run missingOption = lmkit("eval", "--model", "x.zip");
        assertEquals(2, missingOption.exitCode());
        assertTrue(missingOption.err().contains("--test"), missingOption.err());
        assertEquals(2, lmkit("nonsense").exitCode());
        assertEquals(2, lmkit("train", "--model", "unigram", "--min-count", "0", "--train", "a", "--out", "b")
                .exitCode());
    }

    @Test
    void runtimeFailuresExitWithOneAndNameTheFile() throws IOException {
        Run missing = lmkit("train", "--model", "unigram", "--train", dir.resolve("nope.txt").toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.txt does not exist"), missing.err());
        Path notAModel = write("model.zip", "hello");
        Run corrupt = lmkit("eval", "--model", notAModel.toString(), "--test", notAModel.toString());
        assertEquals(1, corrupt.exitCode());
        assertTrue(corrupt.err().contains("is not an lmkit model file"), corrupt.err());
        assertFalse(corrupt.err().contains("Exception"), "no stack trace without --verbose: " + corrupt.err());
        Path empty = write("empty.txt", "\n\n");
        Run emptyTrain = lmkit("train", "--model", "unigram", "--train", empty.toString(), "--out",
                dir.resolve("m.zip").toString());
        assertEquals(1, emptyTrain.exitCode());
        assertTrue(emptyTrain.err().contains("has no sentences"), emptyTrain.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"--help"}, {"models", "--help"}, {"data", "--help"},
            {"data", "brown", "--help"}, {"train", "--help"}, {"eval", "--help"}}) {
            Run r = lmkit(command);
            assertEquals(0, r.exitCode(), String.join(" ", command));
            assertTrue(r.out().startsWith("Usage: lmkit"), r.out());
        }
    }

    @Test
    void theReadmeJobOnBrownGivesTheUniformPerplexityExactly() {
        Path brown = SharedData.require("brown");
        Path out = dir.resolve("brown-v1");
        assertEquals(0, lmkit("data", "brown", "--source", brown.toString(), "--out", out.toString()).exitCode());
        Path model = dir.resolve("uniform.zip");
        Run t = lmkit("train", "--model", "uniform", "--train", out.resolve("train.txt").toString(),
                "--vocab", out.resolve("vocab.txt").toString(), "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Run e = lmkit("eval", "--model", model.toString(), "--test", out.resolve("test.txt").toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("perplexity   14115.0000"), e.out());
        assertTrue(e.out().contains("tokens       171297 (161170 words + 10127 </s>)"), e.out());
    }
}
