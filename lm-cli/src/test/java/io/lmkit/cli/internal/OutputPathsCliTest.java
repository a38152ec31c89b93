package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output path that names an input, or another output, is refused before any work: exit 2, the
 * message names both options, and the input is byte-for-byte unchanged.
 */
class OutputPathsCliTest {

    /** A small LSTM that trains in a moment. */
    static final String[] LSTM = {"train", "--model", "lstm", "--set", "embedding=4", "--set", "hidden=8",
        "--set", "epochs=1", "--set", "backend=reference"};

    @TempDir
    Path dir;
    Path train;
    byte[] corpus;

    @BeforeEach
    void corpus() throws IOException {
        train = Files.writeString(dir.resolve("t.txt"), "the cat sat\nthe dog ran\na cat ran\n");
        corpus = Files.readAllBytes(train);
    }

    @Test
    void trainWithOutEqualToTrainIsRefusedAndTheCorpusKept() throws IOException {
        Run r = lmkit("train", "--model", "modified-kneser-ney", "--train", train.toString(), "--out",
                train.toString());
        assertRefused(r, "--out " + train + " is the input --train " + train + ": writing it would destroy the"
                + " input; choose another --out");
    }

    @Test
    void aCheckpointEqualToTheTrainingFileIsRefused() throws IOException {
        Run r = lmkit(args(LSTM, "--train", train.toString(), "--out", dir.resolve("m.zip").toString(),
                "--checkpoint", train.toString()));
        assertRefused(r, "--checkpoint " + train + " is the input --train " + train);
        assertFalse(Files.exists(dir.resolve("m.zip")));
    }

    @Test
    void aCheckpointEqualToTheModelFileIsRefused() throws IOException {
        Path model = dir.resolve("m.zip");
        Run r = lmkit(args(LSTM, "--train", train.toString(), "--out", model.toString(), "--checkpoint",
                model.toString()));
        assertRefused(r, "--checkpoint " + model + " and --out " + model + " name the same file");
        assertFalse(Files.exists(model));
    }

    @Test
    void aSymbolicLinkOrADotDotPathToTheInputIsTheInput() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), train.getFileName());
        Run viaLink = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out", link.toString());
        assertRefused(viaLink, "--out " + link + " is the input --train " + train + " (both are "
                + train.toRealPath() + ")");
        Path dotDot = dir.resolve("not-yet/../t.txt");
        Run viaDotDot = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out",
                dotDot.toString());
        assertRefused(viaDotDot, "--out " + dotDot + " is the input --train " + train);
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void arpaExportOverItsOwnModelIsRefused() throws IOException {
        Path model = dir.resolve("n.zip");
        assertEquals(0, lmkit("train", "--model", "modified-kneser-ney", "--train", train.toString(), "--out",
                model.toString()).exitCode());
        byte[] before = Files.readAllBytes(model);
        Run r = lmkit("arpa", "export", "--model", model.toString(), "--out", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--out " + model + " is the input --model " + model), r.err());
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void dataSplitOfAFileItWouldWriteIsRefused() throws IOException {
        Path input = Files.write(dir.resolve("train.txt"), corpus);
        Run r = lmkit("data", "split", "--input", input.toString(), "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--out " + dir.resolve("train.txt") + " is the input --input " + input),
                r.err());
        assertArrayEquals(corpus, Files.readAllBytes(input));
        assertFalse(Files.exists(dir.resolve("vocab.txt")), "nothing is written");
    }

    @Test
    void aCompareReportFolderHoldingAnInputIsRefused() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String name : new String[] {"brown.train.txt", "brown.valid.txt", "brown.test.txt"}) {
            Files.write(data.resolve(name), corpus);
        }
        Files.writeString(data.resolve("vocab.txt"), "<s>\n</s>\n<unk>\nthe\n");
        Run r = lmkit("compare", "--models", "unigram", "--data", data.toString(), "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--out " + dir + " holds the input --data " + data.resolve("brown.train.txt")),
                r.err());
        assertFalse(Files.exists(dir.resolve("report.md")));
    }

    @Test
    void gradientsWritingOverItsDataIsRefused() throws IOException {
        Path data = Files.write(dir.resolve("gradients.csv"), corpus);
        Run r = lmkit("gradients", "--model", dir.resolve("m.zip").toString(), "--data", data.toString(), "--out",
                dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is the input --data " + data), r.err());
    }

    @Test
    void differentFilesAreNoConflict() {
        OutputPaths paths = new OutputPaths().input("--train", train).input("--valid", null)
                .output("--out", dir.resolve("m.zip")).output("--checkpoint", dir.resolve("m.zip.ckpt"))
                .reportFolder("--report", dir.resolve("reports"));
        assertEquals(java.util.Optional.empty(), paths.conflict());
    }

    private void assertRefused(Run r, String message) throws IOException {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("lmkit: " + message), r.err());
        assertArrayEquals(corpus, Files.readAllBytes(train), "the corpus is untouched");
    }

    static String[] args(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
