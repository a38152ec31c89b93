package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit score --format kenlm} writes what KenLM's {@code query} wrote for the same ARPA model
 * and text, byte for byte ({@code src/test/resources/kenlm/README.md} says how that output was
 * recorded); {@code <s>} in the text is refused naming its line; count models report the n-gram
 * that matched.
 */
class ScoreKenlmFormatTest {

    @TempDir
    Path dir;

    private Path model;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScoreKenlmFormatTest.class.getResource("/kenlm/" + name).toURI());
    }

    private static CliTest.Run withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = Main.run(args, new CliEnvironment(in, false, Map.of()), new PrintWriter(out), new PrintWriter(err));
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void importKenlmsTestModel() throws Exception {
        model = dir.resolve("test.zip");
        CliTest.Run r = CliTest.lmkit("arpa", "import", "--arpa", resource("test.arpa").toString(), "--out",
                model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void standardOutputIsQuerysByteForByte() throws Exception {
        String input = Files.readString(resource("query-input.txt"));
        String query = Files.readString(resource("query-output.txt"));
        CliTest.Run r = withInput(input, "score", "--model", model.toString(), "--format", "kenlm");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(query, r.out());
        CliTest.Run file = CliTest.lmkit("score", "--model", model.toString(), "--format", "kenlm", "--input",
                resource("query-input.txt").toString());
        assertEquals(query, file.out(), "the same from --input");
    }

    @Test
    void idsAreKenlmsForAnArpaFileThatListsSentenceMarkersAmongTheWords() {
        // test.arpa lists , . </s> <s> <unk> a ...: KenLM numbers them 1 2 3 4 0 5; lmkit's own ids are 3 4 2 1 0 5.
        // "," after "a": no bigram, so p(,) times a's backoff: -1.383514 - 0.69897 = -2.082484.
        CliTest.Run kenlm = CliTest.lmkit("score", "--model", model.toString(), "--format", "kenlm", "a , .");
        assertTrue(kenlm.out().startsWith("a=5 1 -1.7009143\t,=1 1 -2.082484\t.=2 2 -0.6925742\t</s>=3 2 -0.0602359\t"),
                kenlm.out());
        CliTest.Run text = CliTest.lmkit("score", "--model", model.toString(), "a , .");
        assertTrue(text.out().startsWith("a=5 1 -1.7009\t,=3 1 -2.0825\t.=4 2 -0.6926\t</s>=2 2 -0.0602\t"),
                text.out());
    }

    @Test
    void standardErrorEndsWithQuerysResourceLine() {
        CliTest.Run r = CliTest.lmkit("score", "--model", model.toString(), "--format", "kenlm", "looking on");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().matches("(Name:\\S+\tVmPeak:\\d+ kB\tVmRSS:\\d+ kB\tRSSMax:\\d+ kB\tuser:[0-9.e+-]+\t"
                + "sys:0\tCPU:[0-9.e+-]+\t)?real:[0-9.e+-]+\n"), r.err());
    }

    @Test
    void sentenceStartInTheTextIsRefusedNamingTheLine() throws IOException {
        CliTest.Run stdin = withInput("looking on\nlooking higher <s> more\n", "score", "--model", model.toString());
        assertEquals(1, stdin.exitCode());
        assertTrue(stdin.err().startsWith("lmkit: standard input:2: the text contains <s>, the sentence start that"
                + " lmkit adds itself"), stdin.err());
        assertTrue(stdin.out().startsWith("looking=23 2 -0.4847"), "line 1 was written before line 2 failed: "
                + stdin.out());
        Path input = Files.writeString(dir.resolve("in.txt"), "<s> looking\n");
        CliTest.Run file = CliTest.lmkit("score", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, file.exitCode());
        assertTrue(file.err().startsWith("lmkit: " + input + ":1: the text contains <s>"), file.err());
        CliTest.Run args = CliTest.lmkit("score", "--model", model.toString(), "<s>", "looking");
        assertTrue(args.err().startsWith("lmkit: the arguments:1: the text contains <s>"), args.err());
    }

    @Test
    void countModelsReportTheLongestSeenNgram() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\nthe dog sat\n");
        for (String name : new String[] {"mle", "laplace", "lidstone"}) {
            Path counts = dir.resolve(name + ".zip");
            CliTest.Run t = CliTest.lmkit("--quiet", "train", "--model", name, "--set", "order=3", "--train",
                    train.toString(), "--out", counts.toString());
            assertEquals(0, t.exitCode(), t.err());
            CliTest.Run r = CliTest.lmkit("score", "--model", counts.toString(), "the sat");
            // <s> the: seen bigram; the sat: unseen, sat alone seen; sat </s>: seen bigram, the sat </s> not.
            assertTrue(r.out().matches("(?s)the=\\d+ 2 \\S+\tsat=\\d+ 1 \\S+\t</s>=2 2 \\S+\tTotal: .*"),
                    name + ": " + r.out());
        }
    }
}
