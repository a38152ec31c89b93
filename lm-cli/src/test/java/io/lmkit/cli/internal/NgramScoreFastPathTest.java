package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code lmkit score} of an n-gram model takes {@link NgramScoreFastPath} (no Guice, no picocli) and prints
 * what the general path ({@link ScoreCommand} through {@link CommandTree}) prints, in every format, from
 * words, a file and standard input, under both protocols; a failure part-way is reported in the general
 * path's words after the lines already scored; command lines it does not know go the general way.
 */
class NgramScoreFastPathTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path trie;
    static Path text;

    @BeforeAll
    static void trainAModel() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"),
                "the cat sat on the mat\nthe dog sat\na café on the mat\nthe cat ran\n".repeat(20));
        model = dir.resolve("kn.zip");
        trie = dir.resolve("kn-trie.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--set", "order=3", "--train",
                train.toString(), "--out", model.toString()).exitCode());
        assertEquals(0, CliTest.lmkit("--quiet", "ngram", "convert", "--model", model.toString(), "--out",
                trie.toString(), "--layout", "trie").exitCode());
        text = Files.writeString(dir.resolve("test.txt"),
                "\uFEFFthe cat sat\r\n\n  the\u00A0zebra ran  \nun café on the mat\tagain\nthe dog");
    }

    private record Ran(int code, String out, String err) {
    }

    private static CliEnvironment stdin(String input) {
        return new CliEnvironment(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), false, Map.of());
    }

    private static Ran main(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, stdin(input), new PrintWriter(out), new PrintWriter(err));
        return new Ran(code, out.toString(), err.toString());
    }

    private static Ran general(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int code = CommandTree.run(args, stdin(input), o, e);
        o.flush();
        e.flush();
        return new Ran(code, out.toString(), err.toString());
    }

    private static boolean fastPathTakes(String... args) {
        StringWriter sink = new StringWriter();
        return NgramScoreFastPath.run(args, new CliEnvironment(InputStream.nullInputStream(), false, Map.of()),
                new PrintWriter(sink), new PrintWriter(sink)).isPresent();
    }

    /** query's resource line (KenLM's format) gives this process's memory and times, which differ run to run. */
    private static String withoutResourceLine(String err) {
        return err.replaceAll("Name:[^\n]*\n?", "Name:...");
    }

    private static void assertSameAsGeneralPath(String input, String... args) {
        assertTrue(fastPathTakes(args), "the fast path takes " + String.join(" ", args));
        Ran fast = main(input, args);
        Ran slow = general(input, args);
        assertEquals(slow.code(), fast.code(), fast.err());
        assertEquals(slow.out(), fast.out());
        assertEquals(withoutResourceLine(slow.err()), withoutResourceLine(fast.err()));
    }

    @Test
    void everyFormatFromEverySourcePrintsWhatTheGeneralPathPrints() throws IOException {
        String lines = Files.readString(text);
        for (Path m : new Path[] {model, trie}) {
            for (String format : new String[] {"text", "kenlm", "json"}) {
                assertSameAsGeneralPath("", "score", "--model", m.toString(), "--format", format, "--input",
                        text.toString());
                assertSameAsGeneralPath(lines, "--quiet", "score", "--model=" + m, "--format=" + format);
                assertSameAsGeneralPath("", "score", "--model", m.toString(), "--format", format, "the", "cat",
                        "zebra");
            }
        }
        assertSameAsGeneralPath("", "score", "--json", "--model", model.toString(), "--input", text.toString(),
                "--protocol", "stream");
        assertSameAsGeneralPath(lines, "score", "--format", "kenlm", "--model", model.toString(), "--protocol",
                "stream");
        Ran r = main("", "score", "--format", "kenlm", "--model", model.toString(), "the", "cat");
        assertTrue(r.out().startsWith("the="), r.out());
    }

    @Test
    void aFailurePartWayIsReportedAfterTheLinesAlreadyScored() throws IOException {
        String lines = "the cat sat\nthe <s> cat\nthe dog\n";
        Ran fast = main(lines, "score", "--model", model.toString());
        assertEquals(general(lines, "score", "--model", model.toString()), fast);
        assertEquals(1, fast.code());
        assertTrue(fast.out().startsWith("the="), "the first line was scored: " + fast.out());
        assertTrue(fast.err().startsWith("lmkit: standard input:2: "), fast.err());
        Path missing = dir.resolve("missing.txt");
        Ran none = main("", "score", "--model", model.toString(), "--input", missing.toString());
        assertEquals(general("", "score", "--model", model.toString(), "--input", missing.toString()), none);
        assertEquals(1, none.code());
    }

    @Test
    void commandLinesItDoesNotKnowGoTheGeneralWay() {
        String m = model.toString();
        String t = text.toString();
        assertEquals(false, fastPathTakes("score", "--model", m, "--input", t, "the", "cat"), "both sources");
        assertEquals(false, fastPathTakes("score", "--model", m, "--json", "--format", "kenlm", "--input", t));
        assertEquals(false, fastPathTakes("score", "--model", m, "--format", "xml", "--input", t));
        assertEquals(false, fastPathTakes("score", "--model", m, "--input", t, "--verbose"));
        assertEquals(false, fastPathTakes("score", "--model", m, "-x"));
        assertEquals(false, fastPathTakes("score", "--model", dir.resolve("nope.zip").toString(), "the"));
        assertEquals(false, fastPathTakes("score", "--model", m, "--", "--the"));
        Ran both = main("", "score", "--model", m, "--input", t, "the");
        assertEquals(2, both.code(), both.err());
        assertEquals(general("", "score", "--model", m, "--input", t, "the"), both);
    }
}
