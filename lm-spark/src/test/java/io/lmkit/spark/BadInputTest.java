package io.lmkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.vocab.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@link Estimate}: each is one line naming the input or option and the fix, exit status 1 for a
 * failure (a missing or empty input, reserved symbols in the text) and 2 for a bad command line; no model file is
 * written.
 */
class BadInputTest {

    @TempDir
    static Path dir;
    static Path vocab;
    static Path out;

    @BeforeAll
    static void files() throws IOException {
        vocab = dir.resolve("vocab.txt");
        Vocabulary.ofWords(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS, "a", "b")).save(vocab);
        out = dir.resolve("model.zip");
    }

    record Result(int status, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Estimate.run(args, SparkTestContext.get(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    static String[] args(String order, String input) {
        return new String[] {"--model", "modified-kneser-ney", "--order", order, "--input", input, "--vocab",
            vocab.toString(), "--out", out.toString()};
    }

    @Test
    void aMissingInputPathIsAFailureNamingIt() {
        String missing = dir.resolve("no-such-corpus").toString();
        Result r = run(args("3", missing));
        assertEquals(1, r.status(), r.err());
        assertEquals("lmkit-spark: input " + missing + " does not exist; give --input a text file, a folder of them"
                + " or a glob, on any Hadoop file system (e.g. hdfs://..., s3a://..., /local/path)\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anEmptyInputOrOneOfBlankLinesIsAFailureNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("part-1.txt"), "");
        Files.writeString(empty.resolve("part-2.txt"), "\n  \t\n\n");
        Result r = run(args("3", empty.toString()));
        assertEquals(1, r.status(), r.err());
        assertEquals("lmkit-spark: input " + empty + " has no sentences (it is empty or only blank lines); give text"
                + " with one sentence per line\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aReservedSymbolInTheTextIsAFailureNamingTheLine() throws IOException {
        Path text = Files.writeString(dir.resolve("reserved.txt"), "a b\nb </s> a\n");
        Result r = run(args("3", text.toString()));
        assertEquals(1, r.status(), r.err());
        assertEquals("lmkit-spark: input line 2 (counting the lines of every input file in order) contains the"
                + " reserved symbol </s>; lmkit adds sentence boundaries itself, so remove it from the text\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadOrderIsAUsageError() throws IOException {
        Path text = Files.writeString(dir.resolve("text.txt"), "a b\n");
        for (String order : new String[] {"0", "10", "-3", "five"}) {
            Result r = run(args(order, text.toString()));
            assertEquals(2, r.status(), r.err());
            String expected = order.equals("five") ? "--order must be a whole number, got 'five'"
                    : "--order must be from 1 to 9, got " + order;
            assertEquals("lmkit-spark: " + expected + "\n" + EstimateOptions.USAGE + "\n", r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void otherBadOptionsAreUsageErrorsNamingThem() {
        assertEquals("lmkit-spark: --model must be modified-kneser-ney or stupid-backoff, got 'katz'",
                firstLine(run("--model", "katz", "--order", "3", "--input", "x", "--vocab", "v", "--out", "o")));
        assertEquals("lmkit-spark: --model, --order, --input, --vocab and --out are required",
                firstLine(run("--model", "stupid-backoff", "--order", "3")));
        assertEquals("lmkit-spark: --discount-statistics must be textbook or lmplz, got 'kenlm'",
                firstLine(run("--model", "modified-kneser-ney", "--order", "3", "--input", "x", "--vocab", "v",
                        "--out", "o", "--discount-statistics", "kenlm")));
        assertEquals("lmkit-spark: --alpha must be a number in (0, 1], got '1.5'",
                firstLine(run("--model", "stupid-backoff", "--order", "3", "--input", "x", "--vocab", "v", "--out", "o",
                        "--alpha", "1.5")));
        assertEquals("lmkit-spark: --prune applies to modified-kneser-ney only, not to stupid-backoff",
                firstLine(run("--model", "stupid-backoff", "--order", "3", "--input", "x", "--vocab", "v", "--out", "o",
                        "--prune", "0 1")));
        assertEquals("lmkit-spark: --prune: prune threshold 'x' is not a whole number; write one count per order,"
                + " e.g. \"0 0 1\"", firstLine(run("--model", "modified-kneser-ney", "--order", "3", "--input", "x",
                "--vocab", "v", "--out", "o", "--prune", "0 x")));
        assertEquals("lmkit-spark: --plan must be auto, by-history or joins, got 'fast'",
                firstLine(run("--model", "modified-kneser-ney", "--order", "3", "--input", "x", "--vocab", "v",
                        "--out", "o", "--plan", "fast")));
        assertEquals("lmkit-spark: --plan by-history estimates modified-kneser-ney only; use --plan joins"
                + " (or auto) for stupid-backoff", firstLine(run("--model", "stupid-backoff", "--order", "3",
                "--input", "x", "--vocab", "v", "--out", "o", "--plan", "by-history")));
        assertEquals("lmkit-spark: unknown option '--orders'",
                firstLine(run("--orders", "3")));
    }

    @Test
    void anOutputOnAnInputTheVocabularyOrTheOtherOutputIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("conflicts"));
        Path corpus = Files.writeString(folder.resolve("corpus.txt"), "a b\nb a\n");
        String vocabText = Files.readString(vocab);
        String[] base = {"--model", "modified-kneser-ney", "--order", "2", "--input", corpus.toString(), "--vocab",
            vocab.toString()};
        Result onInput = run(with(base, "--out", folder.resolve("../conflicts/corpus.txt").toString()));
        assertEquals(2, onInput.status(), onInput.err());
        assertTrue(onInput.err().startsWith("lmkit-spark: --out " + folder.resolve("../conflicts/corpus.txt")
                + " is the input file file:" + corpus + ": writing it would destroy the input; choose another --out"),
                onInput.err());
        Result onVocab = run(with(base, "--out", dir.resolve("model.zip").toString(), "--arpa", vocab.toString()));
        assertEquals(2, onVocab.status(), onVocab.err());
        assertTrue(onVocab.err().startsWith("lmkit-spark: --arpa " + vocab + " is the vocabulary --vocab " + vocab),
                onVocab.err());
        Result same = run(with(base, "--out", dir.resolve("m.zip").toString(), "--arpa", dir.resolve("m.zip")
                .toString()));
        assertEquals(2, same.status(), same.err());
        assertTrue(same.err().contains("name the same file"), same.err());
        Result inFolder = run("--model", "modified-kneser-ney", "--order", "2", "--input", folder.toString(),
                "--vocab", vocab.toString(), "--out", folder.resolve("model.zip").toString());
        assertEquals(2, inFolder.status(), inFolder.err());
        assertTrue(inFolder.err().contains("is inside the input folder"), inFolder.err());
        assertEquals("a b\nb a\n", Files.readString(corpus), "the corpus is intact");
        assertEquals(vocabText, Files.readString(vocab), "the vocabulary is intact");
        assertFalse(Files.exists(folder.resolve("model.zip")));
        assertFalse(Files.exists(dir.resolve("m.zip")));
    }

    @Test
    void anOutputThatCannotBeWrittenFailsBeforeAnyJob() throws IOException {
        Path corpus = Files.writeString(dir.resolve("writable.txt"), "a b\n");
        Result r = run("--model", "modified-kneser-ney", "--order", "2", "--input", corpus.toString(), "--vocab",
                vocab.toString(), "--out", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("lmkit-spark: cannot write " + dir + ": it is a directory, which is never replaced; choose a file"
                + " name for the output\n", r.err());
        long jobsBefore = SparkTestContext.get().sc().statusTracker().getJobIdsForGroup(null).length;
        Result device = run("--model", "modified-kneser-ney", "--order", "2", "--input", corpus.toString(), "--vocab",
                vocab.toString(), "--out", "/dev/full");
        assertEquals(1, device.status(), device.err());
        assertTrue(device.err().contains("not a regular file"), device.err());
        assertEquals(jobsBefore, SparkTestContext.get().sc().statusTracker().getJobIdsForGroup(null).length,
                "no Spark job ran");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aTaskOutOfMemoryIsRecognisedInSparksWrappingToAdviseMorePartitions() {
        // Spark reports a task's error as text in the job's failure, with no cause.
        assertTrue(Estimate.outOfMemory(new RuntimeException("Job aborted due to stage failure: Task 3 in stage 9.0"
                + " failed 1 times, most recent failure: Lost task 3.0 in stage 9.0: java.lang.OutOfMemoryError:"
                + " Java heap space")));
        assertTrue(Estimate.outOfMemory(new RuntimeException("driver", new OutOfMemoryError("Java heap space"))));
        assertFalse(Estimate.outOfMemory(new RuntimeException("No space left on device")));
    }

    @Test
    void kryoIsAddedBesideTheRegistratorAClusterAlreadyNames() {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false)
                .set("spark.kryo.registrator", "com.example.ClusterRegistrator");
        Estimate.useKryo(conf);
        Estimate.useKryo(conf);
        assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
        assertEquals("com.example.ClusterRegistrator,io.lmkit.spark.internal.KryoRegistration",
                conf.get("spark.kryo.registrator"));
    }

    private static String firstLine(Result r) {
        assertEquals(2, r.status(), r.err());
        return r.err().lines().findFirst().orElseThrow();
    }
}
