package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set memory=SIZE --set tempDir=DIR}: Kneser-Ney estimated in sorted runs, the same model as in memory. */
class SortedTrainingCliTest {

    @TempDir
    Path dir;

    private Path train;
    private Path test;

    @BeforeEach
    void corpus() throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 2500; s++) {
            int previous = 0;
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                int r = random.nextInt(200);
                previous = (r * r / 200 + previous * 3) % 200;
                text.append(i > 0 ? " " : "").append("w").append(previous);
            }
            text.append('\n');
        }
        train = Files.writeString(dir.resolve("train.txt"), text);
        test = Files.writeString(dir.resolve("test.txt"), "w0 w1 w4\nw9 w16 w3 w7\n");
    }

    @Test
    void aCorpusWhoseWordIdsDoNotFitTheHeapThatMemoryGivesNamesTheMemoryToGive() throws IOException {
        Path text = Files.write(dir.resolve("big.txt"), new byte[(3 << 20) + 12345]);
        assertEquals("reading " + text + ": the corpus's word ids do not fit in the Java heap (at most 274.0 MiB);"
                + " memory=16m must hold them (4 bytes a word) and the sorters, and the lmkit command gives the heap at"
                + " least memory=, an eighth and 256 MB where the machine has them: give a larger memory= (for this text of 3.0 MiB, if it is not compressed, memory=70m at"
                + " least)", TrainCommand.corpusOutOfHeap(text, "16m", 274L << 20));
        assertEquals("reading " + dir.resolve("gone.txt") + ": the corpus's word ids do not fit in the Java heap (at"
                + " most 1.0 GiB); memory=1g must hold them (4 bytes a word) and the sorters, and the lmkit command gives"
                + " the heap at least memory=, an eighth and 256 MB where the machine has them: give a larger memory=", TrainCommand.corpusOutOfHeap(dir.resolve("gone.txt"),
                "1g", 1L << 30), "no size to suggest for a text that cannot be read");
    }

    @Test
    void aSmallMemoryGivesTheInMemoryModelAndReportsEachPass() throws IOException {
        for (String model : new String[] {"modified-kneser-ney", "kneser-ney"}) {
            Path runs = Files.createDirectories(dir.resolve("runs-" + model));
            Path inMemory = dir.resolve(model + "-memory.zip");
            Path sorted = dir.resolve(model + "-sorted.zip");
            Run a = lmkit("train", "--model", model, "--set", "order=4", "--train", train.toString(), "--out",
                    inMemory.toString());
            assertEquals(0, a.exitCode(), a.err());
            Run b = lmkit("train", "--model", model, "--set", "order=4", "--set", "memory=200k", "--set",
                    "tempDir=" + runs, "--train", train.toString(), "--out", sorted.toString());
            assertEquals(0, b.exitCode(), b.err());
            for (String pass : new String[] {"counting in sorted runs", "adjusted counts and discounts",
                "probabilities and backoffs", "writing the model's tables"}) {
                assertTrue(b.err().contains(model + " " + pass + ": done"), b.err());
            }
            // Counting tells its total (the corpus's tokens) for its progress lines and ETA.
            assertTrue(b.err().matches("(?s).*" + model + " counting in sorted runs: started, [0-9,]+ tokens\\R.*"),
                    b.err());
            Run evalA = lmkit("eval", "--model", inMemory.toString(), "--test", test.toString(), "--json");
            Run evalB = lmkit("eval", "--model", sorted.toString(), "--test", test.toString(), "--json");
            String perplexity = "\"perplexity\"";
            assertTrue(evalA.out().contains(perplexity), evalA.out());
            assertEquals(evalA.out().replace(inMemory.toString(), "M"), evalB.out().replace(sorted.toString(), "M"),
                    "the same model, so the same numbers to the last digit");
            try (var left = Files.list(runs)) {
                assertEquals(0, left.count(), "the sorted runs are removed");
            }
        }
    }

    @Test
    void aCheckpointFolderHoldsTheRunsAndIsEmptiedWhenTheModelIsMade() throws IOException {
        Path inMemory = dir.resolve("memory.zip");
        Path sorted = dir.resolve("checkpointed.zip");
        Path checkpoints = dir.resolve("checkpoints");
        Run a = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--train", train.toString(),
                "--out", inMemory.toString());
        assertEquals(0, a.exitCode(), a.err());
        Run b = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--set", "memory=200k", "--set",
                "checkpointDir=" + checkpoints, "--train", train.toString(), "--out", sorted.toString());
        assertEquals(0, b.exitCode(), b.err());
        Run evalA = lmkit("eval", "--model", inMemory.toString(), "--test", test.toString(), "--json");
        Run evalB = lmkit("eval", "--model", sorted.toString(), "--test", test.toString(), "--json");
        assertEquals(evalA.out().replace(inMemory.toString(), "M"), evalB.out().replace(sorted.toString(), "M"));
        try (var left = Files.list(checkpoints)) {
            assertEquals(0, left.count(), "the checkpoint folder is emptied");
        }

        Run noMemory = lmkit("train", "--model", "kneser-ney", "--set", "checkpointDir=" + checkpoints, "--train",
                train.toString(), "--out", dir.resolve("x.zip").toString());
        assertEquals(2, noMemory.exitCode(), noMemory.err());
        assertTrue(noMemory.err().contains("checkpointDir=" + checkpoints + " keeps the steps of an estimation in"
                + " sorted runs, but memory= is not set; give memory=SIZE"), noMemory.err());

        Files.writeString(checkpoints.resolve("notes.txt"), "mine");
        Run foreign = lmkit("train", "--model", "modified-kneser-ney", "--set", "memory=200k", "--set",
                "checkpointDir=" + checkpoints, "--train", train.toString(), "--out", dir.resolve("y.zip").toString());
        assertTrue(foreign.exitCode() != 0, foreign.err());
        assertTrue(foreign.err().contains("holds notes.txt, which no estimation wrote; give an empty or new folder"),
                foreign.err());
        assertEquals("mine", Files.readString(checkpoints.resolve("notes.txt")));
        assertTrue(Files.notExists(dir.resolve("y.zip")));
    }

    @Test
    void aCheckpointFolderThatIsTheOutputOrAFileIsRefusedBeforeAnyWork() throws IOException {
        Path out = dir.resolve("model.zip");
        Run same = lmkit("train", "--model", "modified-kneser-ney", "--set", "memory=200k", "--set",
                "checkpointDir=" + out, "--train", train.toString(), "--out", out.toString());
        assertEquals(2, same.exitCode(), same.err());
        assertTrue(same.err().contains("checkpointDir= " + out + " and --out " + out + " name the same file"),
                same.err());
        assertTrue(Files.notExists(out), "nothing is created");

        Path file = dir.resolve("runs.txt");
        Files.writeString(file, "mine");
        Run aFile = lmkit("train", "--model", "kneser-ney", "--set", "memory=200k", "--set", "checkpointDir=" + file,
                "--train", train.toString(), "--out", out.toString());
        assertEquals(2, aFile.exitCode(), aFile.err());
        assertTrue(aFile.err().contains("checkpointDir=" + file + " is a file, not a folder; give a new folder"),
                aFile.err());

        Run underAFile = lmkit("train", "--model", "kneser-ney", "--set", "memory=200k", "--set",
                "checkpointDir=" + file.resolve("runs"), "--train", train.toString(), "--out", out.toString());
        assertTrue(underAFile.exitCode() != 0, underAFile.err());
        assertTrue(underAFile.err().contains("cannot create the checkpoint folder " + file.resolve("runs") + ": "
                + file + " is a file, not a folder; give a writable folder"), underAFile.err());
        assertEquals("mine", Files.readString(file));
        assertTrue(Files.notExists(out));
    }

    @Test
    void pruningInSortedRunsGivesTheInMemoryPrunedModel() throws IOException {
        Path inMemory = dir.resolve("pruned-memory.zip");
        Path sorted = dir.resolve("pruned-sorted.zip");
        Run a = lmkit("train", "--model", "kneser-ney", "--set", "order=4", "--set", "prune=0 1", "--train",
                train.toString(), "--out", inMemory.toString());
        assertEquals(0, a.exitCode(), a.err());
        Run b = lmkit("train", "--model", "kneser-ney", "--set", "order=4", "--set", "prune=0 1", "--set", "memory=1m",
                "--set", "tempDir=" + Files.createDirectories(dir.resolve("runs")), "--train", train.toString(), "--out",
                sorted.toString());
        assertEquals(0, b.exitCode(), b.err());
        Run evalA = lmkit("eval", "--model", inMemory.toString(), "--test", test.toString(), "--json");
        Run evalB = lmkit("eval", "--model", sorted.toString(), "--test", test.toString(), "--json");
        assertEquals(evalA.out().replace(inMemory.toString(), "M"), evalB.out().replace(sorted.toString(), "M"));
        Run statsA = lmkit("ngram", "stats", inMemory.toString());
        Run statsB = lmkit("ngram", "stats", sorted.toString());
        assertEquals(statsA.out().lines().skip(1).map(l -> l.split("\\s+")[1]).limit(4).toList(),
                statsB.out().lines().skip(1).map(l -> l.split("\\s+")[1]).limit(4).toList(), "n-grams per order");
    }

    @Test
    void aGzipCorpusTrainsAndScoresAsTheTextItCompresses() throws IOException {
        Path gz = dir.resolve("train.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(train, out);
        }
        Path testGz = dir.resolve("test.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(testGz))) {
            Files.copy(test, out);
        }
        Path plain = dir.resolve("plain.zip");
        Run a = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--train", train.toString(),
                "--out", plain.toString());
        assertEquals(0, a.exitCode(), a.err());
        Run evalPlain = lmkit("eval", "--model", plain.toString(), "--test", test.toString(), "--json");
        assertTrue(evalPlain.out().contains("\"perplexity\""), evalPlain.out());
        String expected = evalPlain.out().replace(plain.toString(), "M").replace(test.toString(), "T");
        for (String memory : new String[] {null, "memory=200k"}) {
            Path fromGz = dir.resolve("gz-" + (memory == null ? "memory" : "sorted") + ".zip");
            Run b = memory == null
                    ? lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--train", gz.toString(),
                            "--out", fromGz.toString())
                    : lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--set", memory, "--set",
                            "tempDir=" + Files.createDirectories(dir.resolve("runs-gz")), "--train", gz.toString(),
                            "--out", fromGz.toString());
            assertEquals(0, b.exitCode(), b.err());
            Run evalB = lmkit("eval", "--model", fromGz.toString(), "--test", test.toString(), "--json");
            assertEquals(expected, evalB.out().replace(fromGz.toString(), "M").replace(test.toString(), "T"),
                    "the model of the compressed corpus is the model of its text (" + memory + ")");
        }
        // A compressed test file scores as its text.
        Run evalGz = lmkit("eval", "--model", plain.toString(), "--test", testGz.toString(), "--json");
        assertEquals(expected, evalGz.out().replace(plain.toString(), "M").replace(testGz.toString(), "T"));

        // A damaged one is named, with the check, and no model is written.
        byte[] whole = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Run damaged = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=4", "--train", cut.toString(),
                "--out", dir.resolve("cut.zip").toString());
        assertTrue(damaged.exitCode() != 0, damaged.err());
        assertTrue(damaged.err().contains(cut + " is gzip-compressed but its compressed data is corrupt or truncated")
                && damaged.err().contains("gzip -t " + cut), damaged.err());
        assertTrue(Files.notExists(dir.resolve("cut.zip")));
    }

    @Test
    void tooLittleMemoryIsAnErrorNamingTheSetting() {
        Run tiny = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=5", "--set", "memory=64k",
                "--train", train.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals(2, tiny.exitCode(), tiny.err());
        assertTrue(tiny.err().contains("memory=64k is too small for order 5: estimating in sorted runs needs at least"
                + " 101.3 KiB; give e.g. memory=1m"), tiny.err());
        Run noRoomForTheCorpus = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=5", "--set",
                "memory=110k", "--train", train.toString(), "--out", dir.resolve("m.zip").toString());
        assertTrue(noRoomForTheCorpus.exitCode() != 0, noRoomForTheCorpus.err());
        assertTrue(noRoomForTheCorpus.err().contains("memory=110.0 KiB must hold the corpus's word ids ("),
                noRoomForTheCorpus.err());
        assertTrue(noRoomForTheCorpus.err().contains("give memory= of at least "), noRoomForTheCorpus.err());
        Run bad = lmkit("train", "--model", "kneser-ney", "--set", "memory=lots", "--train", train.toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("memory must be a size such as 64m, 4g or 1048576"), bad.err());
        assertTrue(Files.notExists(dir.resolve("m.zip")));
    }
}
