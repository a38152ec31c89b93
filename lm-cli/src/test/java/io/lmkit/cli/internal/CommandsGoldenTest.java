package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query command end to end, in-process, on a 25-sentence corpus split by {@code lmkit data split}:
 * the output is compared with golden files (src/test/resources/golden).
 */
class CommandsGoldenTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path kn;
    static Path katz;

    /** Runs lmkit with {@code stdin} as standard input, not on a terminal. */
    static Run lmkitWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = Main.run(args, new CliEnvironment(in, false, Map.of()), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(Run r) {
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @BeforeAll
    static void splitTheCorpusAndTrainTwoModels() throws IOException {
        Path corpus = dir.resolve("pets.txt");
        try (InputStream in = CommandsGoldenTest.class.getResourceAsStream("/corpus/pets.txt")) {
            Files.copy(in, corpus);
        }
        data = dir.resolve("pets");
        Run split = ok(CliTest.lmkit("data", "split", "--input", corpus.toString(), "--out", data.toString(),
                "--valid", "0.2", "--test", "0.2", "--seed", "6"));
        Golden.assertMatches("data-split.txt", split.out(), dir);
        kn = dir.resolve("kn3.zip");
        Run train = ok(CliTest.lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=3",
                "--train", data.resolve("train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(),
                "--out", kn.toString()));
        Golden.assertMatches("train.txt", train.out(), dir);
        assertEquals("", train.err(), "--quiet prints no progress and no warnings");
        katz = dir.resolve("katz2.zip");
        ok(CliTest.lmkit("--quiet", "train", "--model", "katz", "--set", "order=2", "--train",
                data.resolve("train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(),
                "--out", katz.toString()));
    }

    @Test
    void dataSplitWritesTheBrownLayoutWithUnkSubstituted() throws IOException {
        Golden.assertMatches("pets.train.txt", Files.readString(data.resolve("train.txt")), dir);
        Golden.assertMatches("pets.valid.txt", Files.readString(data.resolve("valid.txt")), dir);
        Golden.assertMatches("pets.test.txt", Files.readString(data.resolve("test.txt")), dir);
        Golden.assertMatches("pets.vocab.txt", Files.readString(data.resolve("vocab.txt")), dir);
        assertEquals(15 + 5 + 5, Files.readAllLines(data.resolve("train.txt")).size()
                + Files.readAllLines(data.resolve("valid.txt")).size()
                + Files.readAllLines(data.resolve("test.txt")).size(), "every sentence lands in one split");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndInOrderCutsTheFileInOrder() throws IOException {
        Path again = dir.resolve("again");
        ok(CliTest.lmkit("data", "split", "--input", dir.resolve("pets.txt").toString(), "--out", again.toString(),
                "--valid", "0.2", "--test", "0.2", "--seed", "6"));
        assertEquals(Files.readString(data.resolve("test.txt")), Files.readString(again.resolve("test.txt")));
        Path ordered = dir.resolve("ordered");
        ok(CliTest.lmkit("data", "split", "--input", dir.resolve("pets.txt").toString(), "--out", ordered.toString(),
                "--valid", "0.2", "--test", "0.2", "--in-order"));
        // The last five lines of pets.txt, with the words that the first fifteen lack as <unk>.
        assertEquals(java.util.List.of("the students <unk> their books", "the teacher <unk> the door",
                "the dog <unk> on the mat", "the cat <unk> on the floor", "a cat saw a dog"),
                Files.readAllLines(ordered.resolve("test.txt")));
    }

    @Test
    void evalOnTheSplitsTestFile() {
        Run text = ok(CliTest.lmkit("eval", "--model", kn.toString(), "--test", data.resolve("test.txt").toString()));
        Golden.assertMatches("eval.txt", text.out(), dir);
        Run json = ok(CliTest.lmkit("eval", "--model", kn.toString(), "--test", data.resolve("test.txt").toString(),
                "--json"));
        Golden.assertMatches("eval.json", json.out(), dir);
    }

    @Test
    void scorePrintsEveryWordLikeKenlmQuery() {
        Run r = ok(CliTest.lmkit("score", "--model", kn.toString(), "the", "students", "opened", "their", "wallets"));
        Golden.assertMatches("score.txt", r.out(), dir);
        assertTrue(r.out().contains("\twallets=0 1 ") && r.out().contains("OOV: 1\n"), "an OOV word is <unk>, id 0: "
                + r.out());
    }

    @Test
    void scoreReadsAFileOrStandardInputAndWritesJson() {
        Run file = ok(CliTest.lmkit("score", "--model", kn.toString(), "--input", data.resolve("test.txt").toString()));
        Golden.assertMatches("score-file.txt", file.out(), dir);
        Run stdin = ok(lmkitWithInput(readString(data.resolve("test.txt")), "score", "--model", kn.toString()));
        assertEquals(file.out(), stdin.out(), "the same sentences from standard input");
        Run json = ok(CliTest.lmkit("score", "--model", kn.toString(), "--json", "the cat sat"));
        Golden.assertMatches("score.json", json.out(), dir);
    }

    @Test
    void scoreGivesNoPerplexityForAModelOfScores() {
        Path sb = dir.resolve("sb.zip");
        ok(CliTest.lmkit("--quiet", "train", "--model", "stupid-backoff", "--train",
                data.resolve("train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(),
                "--out", sb.toString()));
        Run r = ok(CliTest.lmkit("score", "--model", sb.toString(), "the cat sat"));
        assertTrue(r.out().endsWith("stupid-backoff gives scores, not probabilities: no perplexity\n"), r.out());
        assertTrue(!r.out().contains("Perplexity"), r.out());
    }

    @Test
    void predictShowsModelsSideBySide() {
        Run r = ok(CliTest.lmkit("predict", "--model", kn.toString(), "--model", katz.toString(), "--top", "4",
                "the students opened their"));
        Golden.assertMatches("predict.txt", r.out(), dir);
        Run json = ok(CliTest.lmkit("predict", "--model", kn.toString(), "--top", "3", "--json", "the", "cat"));
        Golden.assertMatches("predict.json", json.out(), dir);
    }

    @Test
    void generateIsDeterministicForASeed() {
        Run r = ok(CliTest.lmkit("generate", "--model", kn.toString(), "--prompt", "the students", "--seed", "5",
                "--samples", "3"));
        Golden.assertMatches("generate.txt", r.out(), dir);
    }

    @Test
    void replReadsCommandsFromStandardInputWhenNotOnATerminal() {
        String session = String.join("\n", "the students opened their", ":score the cat sat on the mat",
                ":generate the dog", ":predict", ":nonsense", ":help", ":quit", "the cat") + "\n";
        Run r = ok(lmkitWithInput(session, "repl", "--model", kn.toString(), "--top", "3", "--seed", "4"));
        Golden.assertMatches("repl.txt", r.out(), dir);
        assertTrue(!r.out().contains("next word after \"the cat\""), "nothing after :quit is read: " + r.out());
    }

    @Test
    void ngramCommandsOnTheSplit() {
        Path arpa = dir.resolve("kn3.arpa");
        Run export = ok(CliTest.lmkit("arpa", "export", "--model", kn.toString(), "--out", arpa.toString()));
        Golden.assertMatches("arpa-export.txt", export.out(), dir);
        Golden.assertMatches("kn3.arpa", readString(arpa), dir);
        Run stats = ok(CliTest.lmkit("ngram", "stats", "--model", kn.toString(), "--test",
                data.resolve("test.txt").toString()));
        // The manifest records when the file was written, so its compressed size (and the file's) varies by a byte.
        Golden.assertMatches("ngram-stats.txt", stats.out().replaceAll("(?m)^manifest\\.properties .*$",
                "manifest.properties <BYTES>").replaceAll("(?m)^(file \\S+ +)[0-9,]+$", "$1<BYTES>"), dir);
    }

    @Test
    void theNewCommandsHaveHelp() {
        for (String command : new String[] {"score", "predict", "repl", "data split"}) {
            String[] args = (command + " --help").split(" ");
            Run r = ok(CliTest.lmkit(args));
            assertTrue(r.out().startsWith("Usage: lmkit " + command), r.out());
        }
        assertTrue(ok(CliTest.lmkit("--help")).out().contains("--plugins=DIR"), "the global options are documented");
    }

    @Test
    void modelsListsEveryPlugin() {
        Golden.assertMatches("models.txt", ok(CliTest.lmkit("models")).out(), dir);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
