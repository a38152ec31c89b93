package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lmkit data synth}: a deterministic corpus from a model trained in the test; misuse named. */
class SynthCliTest {

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void trainAModelWithUnknownWords() throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 600; s++) {
            int length = 2 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                // A word in twelve is seen once: with --min-count 2 it becomes <unk>.
                text.append(i > 0 ? " " : "").append(random.nextInt(12) == 0 ? "rare" + s + "x" + i
                        : "w" + random.nextInt(1 + random.nextInt(40)));
            }
            text.append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.txt"), text);
        model = dir.resolve("mkn3.zip");
        Run t = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=3", "--train", train.toString(),
                "--min-count", "2", "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSameSeedWritesTheSameCompressedBytesWithoutUnknownWords() throws IOException {
        Path a = dir.resolve("a.txt.gz");
        Path b = dir.resolve("b.txt.gz");
        Run first = lmkit("data", "synth", "--model", model.toString(), "--tokens", "20000", "--seed", "4", "--out",
                a.toString(), "--threads", "1");
        assertEquals(0, first.exitCode(), first.err());
        Run second = lmkit("data", "synth", "--model", model.toString(), "--tokens", "20000", "--seed", "4", "--out",
                b.toString(), "--threads", "2");
        assertEquals(0, second.exitCode(), second.err());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        List<String> lines = new String(gunzip(a), StandardCharsets.UTF_8).lines().toList();
        long words = lines.stream().mapToLong(l -> l.split(" ").length).sum();
        assertTrue(first.out().startsWith("wrote " + a + ": " + String.format("%,d", words) + " words in "
                + String.format("%,d", lines.size()) + " sentences, "), first.out());
        assertTrue(first.out().contains("types at"), first.out());
        assertFalse(lines.stream().anyMatch(l -> l.contains("<unk>") || l.contains("<s>") || l.isEmpty()));
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*\\bba\\b.*")), "<unk> becomes made-up words");
        try (var leftovers = Files.list(dir)) {
            assertEquals(0, leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void withoutAModelTheErrorSaysHowToMakeOne() {
        Run r = lmkit("data", "synth", "--tokens", "100", "--out", dir.resolve("c.txt").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("give --model FILE, the n-gram model to draw sentences from; make the usual one"
                + " with: lmkit data brown --out brown && lmkit train --model modified-kneser-ney --set order=5"), r.err());
        Run zero = lmkit("data", "synth", "--tokens", "0", "--model", model.toString(), "--out",
                dir.resolve("c.txt").toString());
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--tokens must be 1 or more, got 0"), zero.err());
        assertFalse(Files.exists(dir.resolve("c.txt")));
    }
}
