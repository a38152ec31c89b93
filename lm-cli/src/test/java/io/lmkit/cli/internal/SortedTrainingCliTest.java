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
                "probabilities and backoffs", "tables in trie order"}) {
                assertTrue(b.err().contains(model + " " + pass + ": done"), b.err());
            }
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
    void tooLittleMemoryIsAnErrorNamingTheSetting() {
        Run tiny = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=5", "--set", "memory=64k",
                "--train", train.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals(2, tiny.exitCode(), tiny.err());
        assertTrue(tiny.err().contains("memory=64k is too small for order 5: estimating in sorted runs needs at least"
                + " 96.3 KiB; give e.g. memory=1m"), tiny.err());
        Run noRoomForTheCorpus = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=5", "--set",
                "memory=100k", "--train", train.toString(), "--out", dir.resolve("m.zip").toString());
        assertTrue(noRoomForTheCorpus.exitCode() != 0, noRoomForTheCorpus.err());
        assertTrue(noRoomForTheCorpus.err().contains("memory=100.0 KiB must hold the corpus's word ids ("),
                noRoomForTheCorpus.err());
        assertTrue(noRoomForTheCorpus.err().contains("give memory= of at least "), noRoomForTheCorpus.err());
        Run bad = lmkit("train", "--model", "kneser-ney", "--set", "memory=lots", "--train", train.toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("memory must be a size such as 64m, 4g or 1048576"), bad.err());
        assertTrue(Files.notExists(dir.resolve("m.zip")));
    }
}
