package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.progress.ProgressTask;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.ngram.NgramModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit eval} of an n-gram model takes {@link NgramEvalFastPath} (bytes, every core, no Guice or
 * picocli) and prints byte for byte what the general path ({@link EvalCommand} through {@link CommandTree})
 * prints, on a text made to trip it: words outside the vocabulary, a written {@code <unk>}, blank and
 * whitespace-only lines, tabs, {@code \r\n}, a byte-order mark, words with non-ASCII letters, non-ASCII
 * spaces (U+00A0, U+3000) between words, a line of 60,000 words (longer than a chunk), no line end at the
 * end, and enough lines for many chunks. Input it cannot take (a reserved word, invalid UTF-8, other
 * options) goes the general way with the general messages.
 */
class NgramEvalFastPathTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path trie;
    static Path text;

    @BeforeAll
    static void trainAModelAndWriteAHostileText() throws IOException {
        Random random = new Random(5);
        String[] words = {"the", "cat", "sat", "on", "mat", "café", "naïve", "dog", "ran", "a", "red", "ball"};
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 3 + random.nextInt(8); j++) {
                line.append(j == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            train.add(line.toString());
        }
        Path trainFile = Files.write(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
        model = dir.resolve("kn.zip");
        trie = dir.resolve("kn-trie.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=4",
                "--train", trainFile.toString(), "--out", model.toString()).exitCode());
        assertEquals(0, CliTest.lmkit("--quiet", "ngram", "convert", "--model", model.toString(), "--out",
                trie.toString(), "--layout", "trie").exitCode());
        StringBuilder t = new StringBuilder("\uFEFFthe cat sat on the mat\r\n\n   \n\tcafé naïve dog\n");
        t.append("the\u00A0cat sat\u3000on zebra quokka <unk> mat\r\n");
        for (int i = 0; i < 6000; i++) {
            t.append(train.get(i % train.size())).append(i % 7 == 0 ? " unseenword" : "").append(i % 5 == 0 ? "\r\n" : "\n");
            if (i == 3000) {
                for (int j = 0; j < 60_000; j++) {
                    t.append(words[j % words.length]).append(j % 11 == 0 ? "  " : " ");
                }
                t.append('\n');
            }
        }
        t.append("a red ball without a line end");
        text = Files.writeString(dir.resolve("test.txt"), t.toString());
        assertTrue(Files.size(text) > 2 * ParallelNgramEval.CHUNK_BYTES, "several chunks: " + Files.size(text));
    }

    private record Ran(int code, String out, String err) {
    }

    private static CliEnvironment environment() {
        return new CliEnvironment(InputStream.nullInputStream(), false, Map.of());
    }

    /** {@code lmkit args} in process, as Main runs it (the fast path when it takes the command). */
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
        return NgramEvalFastPath.run(args, environment(), new PrintWriter(sink), new PrintWriter(sink)).isPresent();
    }

    /** The progress log's elapsed time, which may differ between two runs. */
    private static String withoutTimes(String log) {
        return log.replaceAll(" in \\d+:\\d\\d", " in M:SS");
    }

    private static void assertSameAsGeneralPath(String... args) {
        assertTrue(fastPathTakes(args), "the fast path takes " + String.join(" ", args));
        Ran fast = main(args);
        Ran slow = general(args);
        assertEquals(slow.code(), fast.code());
        assertEquals(slow.out(), fast.out());
        assertEquals(withoutTimes(slow.err()), withoutTimes(fast.err()));
    }

    @Test
    void evaluatingAHostileTextPrintsWhatTheGeneralPathPrints() {
        for (Path m : List.of(model, trie)) {
            assertSameAsGeneralPath("eval", "--quiet", "--model", m.toString(), "--test", text.toString());
            assertSameAsGeneralPath("--quiet", "eval", "--json", "--model=" + m, "--test=" + text);
        }
        assertSameAsGeneralPath("eval", "--model", model.toString(), "--test", text.toString(), "--protocol", "stream");
        Ran r = main("eval", "--quiet", "--model", model.toString(), "--test", text.toString());
        assertTrue(r.out().contains("unknown      "), r.out());
        assertTrue(r.out().matches("(?s).*unknown      \\d+ tokens are <unk>: [1-9]\\d* words outside.*"), r.out());
    }

    @Test
    void progressIsTheGeneralPathsLogLines() {
        Ran r = main("eval", "--model", model.toString(), "--test", text.toString());
        assertTrue(r.err().startsWith(String.format(java.util.Locale.ROOT, "reading test.txt: started, %,d bytes%n",
                text.toFile().length())), r.err());
        assertTrue(r.err().endsWith(" 6,005 sentences\n"), r.err());
        assertSameAsGeneralPath("eval", "--model", model.toString(), "--test", text.toString());
    }

    @Test
    void oneThreadAndThreeGiveTheSameNumbersBitForBit() throws IOException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover((Class) ModelProvider.class,
                getClass().getClassLoader(), "model", "");
        NgramModel m = (NgramModel) ModelFile.load(model, models).model();
        TokenizerProvider whitespace = PluginRegistry.discover(TokenizerProvider.class, getClass().getClassLoader(),
                "tokenizer", "").get("whitespace");
        PerplexityResult one = new ParallelNgramEval(m, whitespace.create(), InvalidUtf8.FAIL, ProgressTask.NONE, 1)
                .evaluate(text).orElseThrow();
        PerplexityResult three = new ParallelNgramEval(m, whitespace.create(), InvalidUtf8.FAIL, ProgressTask.NONE, 3)
                .evaluate(text).orElseThrow();
        assertEquals(Double.doubleToRawLongBits(one.perplexity()), Double.doubleToRawLongBits(three.perplexity()));
        assertEquals(Double.doubleToRawLongBits(one.perplexityExcludingUnk()),
                Double.doubleToRawLongBits(three.perplexityExcludingUnk()));
        assertEquals(List.of(one.tokens(), one.words(), (long) one.sentences(), one.unknownWords(), one.unkTokens()),
                List.of(three.tokens(), three.words(), (long) three.sentences(), three.unknownWords(), three.unkTokens()));
        assertArrayEquals(one.sentenceLnProbs(), three.sentenceLnProbs());
        assertEquals(6005, one.sentences(), "the blank and whitespace-only lines are skipped");
    }

    @Test
    void invalidUtf8IsReplacedAsAskedOrRefusedWithTheGeneralMessage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("the cat sat\nthe m\u00e0t ran\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'d', 'o', 'g', ' ', (byte) 0xC3, ' ', 'r', 'a', 'n', '\n'});
        Path bad = Files.write(dir.resolve("bad.txt"), bytes.toByteArray());
        assertSameAsGeneralPath("eval", "--quiet", "--invalid-utf8", "replace", "--model", model.toString(),
                "--test", bad.toString());
        String[] strict = {"eval", "--quiet", "--model", model.toString(), "--test", bad.toString()};
        Ran fast = main(strict);
        Ran slow = general(strict);
        assertEquals(1, fast.code());
        assertEquals(slow.err(), fast.err());
        assertTrue(fast.err().contains("bad.txt:3: the file is not valid UTF-8 (byte offset 29)"), fast.err());
    }

    @Test
    void aReservedWordInTheTextGetsTheGeneralMessage() throws IOException {
        Path withBoundary = Files.writeString(dir.resolve("bos.txt"), "the cat\nthe <s> cat sat\n");
        String[] args = {"eval", "--quiet", "--model", model.toString(), "--test", withBoundary.toString()};
        Ran fast = main(args);
        assertEquals(general(args), fast);
        assertEquals(1, fast.code());
        assertTrue(fast.err().contains("bos.txt:2: the text contains the reserved symbol <s>"), fast.err());
    }

    @Test
    void commandLinesItDoesNotKnowGoTheGeneralWay() throws IOException {
        String m = model.toString();
        String t = text.toString();
        assertTrue(fastPathTakes("eval", "--model", m, "--test", t));
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", t, "--help"));
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", t, "--verbose"));
        assertEquals(false, fastPathTakes("eval", "--model", m, "--model", m, "--test", t), "an option given twice");
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", t, "--protocol", "nonsense"));
        assertEquals(false, fastPathTakes("--model", m, "eval", "--test", t), "an eval option before eval");
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", t, "extra"));
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", t, "--plugins", dir.toString()));
        assertEquals(false, fastPathTakes("eval", "--model", m, "--test", dir.resolve("missing.txt").toString()));
        assertEquals(false, fastPathTakes("score", "--model", m, "--input", t));
        Path args = Files.writeString(dir.resolve("args.txt"), "--test " + t);
        assertEquals(false, fastPathTakes("eval", "--model", m, "@" + args), "picocli's argument files");
        Path unigram = dir.resolve("unigram.zip");
        assertEquals(0, CliTest.lmkit("--quiet", "train", "--model", "unigram", "--train", dir.resolve("train.txt").toString(),
                "--out", unigram.toString()).exitCode());
        assertEquals(false, fastPathTakes("eval", "--model", unigram.toString(), "--test", t),
                "a model of a plugin outside lm-ngram, which the fast path does not look for");
        Ran other = main("eval", "--model", unigram.toString(), "--test", t);
        assertEquals(0, other.code(), other.err());
        assertEquals(general("eval", "--model", unigram.toString(), "--test", t).out(), other.out());
        Ran usage = main("eval", "--model", m, "--test", t, "--protocol", "nonsense");
        assertEquals(2, usage.code(), usage.err());
    }
}
