package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit --quiet train} of an n-gram model without the command tree ({@link NgramTrainFastPath}): the same
 * model file as the general path, entry for entry (the manifest's creation time aside), the same output, and
 * every command line it does not take, or cannot finish, left to the general path.
 */
class NgramTrainFastPathTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path vocab;

    @BeforeAll
    static void writeATrainingText() throws IOException {
        Random random = new Random(3);
        String[] words = {"the", "cat", "sat", "on", "mat", "café", "dog", "ran", "a", "red", "ball", "<unk>"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 2 + random.nextInt(9); j++) {
                line.append(j == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            lines.add(line.toString());
        }
        train = Files.write(dir.resolve("train.txt"), lines, StandardCharsets.UTF_8);
        vocab = Files.writeString(dir.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\non\nmat\ndog\nran\na\n");
    }

    private record Ran(int code, String out, String err) {
    }

    private static CliEnvironment environment() {
        return new CliEnvironment(InputStream.nullInputStream(), false, Map.of());
    }

    /** {@code lmkit args} in process, as Main runs it. */
    private static Ran main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, environment(), new PrintWriter(out), new PrintWriter(err));
        return new Ran(code, out.toString(), err.toString());
    }

    /** {@code lmkit args} the general way: picocli's command tree, built by Guice. */
    private static Ran general(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int code = CommandTree.run(args, environment(), o, e);
        o.flush();
        e.flush();
        return new Ran(code, out.toString(), err.toString());
    }

    private static boolean fastPathTakes(String... args) {
        StringWriter sink = new StringWriter();
        return NgramTrainFastPath.run(args, environment(), new PrintWriter(sink), new PrintWriter(sink)).isPresent();
    }

    /** Every entry of a model file, the manifest without its creation time. */
    private static Map<String, byte[]> entries(Path model) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replaceAll("(?m)^created=.*$", "created=")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.put(e.getName(), bytes);
            }
        }
        return out;
    }

    /** Trains with the fast path and the general one (the output file's name swapped in) and compares. */
    private static void assertSameAsGeneralPath(String... argsWithOut) throws IOException {
        assertTrue(fastPathTakes(argsWithOut), "the fast path takes " + String.join(" ", argsWithOut));
        int at = List.of(argsWithOut).indexOf("--out") + 1;
        Path fastFile = Path.of(argsWithOut[at]);
        Ran fast = main(argsWithOut);
        String[] other = argsWithOut.clone();
        Path generalFile = fastFile.resolveSibling("general-" + fastFile.getFileName());
        other[at] = generalFile.toString();
        Ran slow = general(other);
        assertEquals(0, fast.code(), fast.err());
        assertEquals(slow.code(), fast.code());
        assertEquals(slow.out().replace(generalFile.toString(), fastFile.toString()).replaceAll(" in \\d+\\.\\d s;", ""),
                fast.out().replaceAll(" in \\d+\\.\\d s;", ""));
        assertEquals(slow.err(), fast.err());
        Map<String, byte[]> a = entries(fastFile);
        Map<String, byte[]> b = entries(generalFile);
        assertEquals(b.keySet(), a.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(b.get(name), a.get(name), name);
        }
    }

    @Test
    void writesTheModelFileTheGeneralPathWrites() throws IOException {
        assertSameAsGeneralPath("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=4", "--train",
                train.toString(), "--vocab", vocab.toString(), "--out", dir.resolve("mkn.zip").toString());
        assertSameAsGeneralPath("train", "--quiet", "--model=witten-bell", "--set=order=3", "--train=" + train,
                "--out", dir.resolve("wb.zip").toString(), "--seed", "7");
        assertSameAsGeneralPath("--quiet", "train", "--model", "katz", "--set", "order=2", "--set", "order=3",
                "--train", train.toString(), "--out", dir.resolve("katz.zip").toString());
        assertSameAsGeneralPath("--quiet", "train", "--model", "mle", "--train", train.toString(), "--vocab",
                vocab.toString(), "--out", dir.resolve("mle.zip").toString());
    }

    @Test
    void theUnknownWordWarningIsPrintedAsTheGeneralPathPrintsIt() throws IOException {
        Path small = Files.writeString(dir.resolve("small-vocab.txt"), "<unk>\n<s>\n</s>\nthe\n");
        String[] args = {"--quiet", "train", "--model", "modified-kneser-ney", "--train", train.toString(), "--vocab",
                small.toString(), "--out", dir.resolve("warned.zip").toString()};
        assertSameAsGeneralPath(args);
        assertTrue(main(args).err().contains("lmkit: warning:"), "a warning is expected with a one-word vocabulary");
    }

    @Test
    void commandLinesItDoesNotKnowGoTheGeneralWay() {
        String t = train.toString();
        String o = dir.resolve("declined.zip").toString();
        assertFalse(fastPathTakes("train", "--model", "modified-kneser-ney", "--train", t, "--out", o),
                "without --quiet progress would be shown");
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--set", "layout=trie",
                "--train", t, "--out", o));
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--valid", t, "--train", t,
                "--out", o));
        assertFalse(fastPathTakes("--quiet", "--set", "order=3", "train", "--model", "modified-kneser-ney", "--train", t,
                "--out", o), "--set before the command");
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order", "--train", t,
                "--out", o), "a setting without a value");
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--train", t, "--out", o,
                "--plugins", dir.toString()));
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--train", t, "--out", o,
                "--tokenizer", "characters"));
        assertFalse(fastPathTakes("--quiet", "train", "--model", "lstm", "--train", t, "--out", o),
                "a neural model is not lm-ngram's");
        assertFalse(fastPathTakes("--quiet", "train", "--model", "unigram", "--train", t, "--out", o),
                "nor is lm-core's unigram");
        assertFalse(fastPathTakes("--quiet", "train", "--model", "modified-kneser-ney", "--train",
                dir.resolve("missing.txt").toString(), "--out", o));
        assertFalse(Files.exists(Path.of(o)), "nothing was written by a declined command line");
    }

    @Test
    void failuresAreReportedOnceByTheGeneralPath() {
        String t = train.toString();
        Ran sameFile = main("--quiet", "train", "--model", "modified-kneser-ney", "--train", t, "--out", t);
        assertEquals(2, sameFile.code());
        assertTrue(sameFile.err().contains("--out " + t + " is the input --train"), sameFile.err());
        assertEquals("", sameFile.out());
        Ran badSetting = main("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=x", "--train", t,
                "--out", dir.resolve("bad.zip").toString());
        assertEquals(2, badSetting.code());
        assertEquals(general("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=x", "--train", t,
                "--out", dir.resolve("bad.zip").toString()).err(), badSetting.err());
        Path empty = dir.resolve("empty.txt");
        Ran emptyCorpus = main("--quiet", "train", "--model", "modified-kneser-ney", "--train", write(empty), "--out",
                dir.resolve("empty.zip").toString());
        assertEquals(1, emptyCorpus.code());
        assertEquals(1, emptyCorpus.err().lines().count(), "one message, from the general path: " + emptyCorpus.err());
        assertFalse(Files.exists(dir.resolve("empty.zip")));
    }

    private static String write(Path file) {
        try {
            return Files.writeString(file, "\n\n").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
