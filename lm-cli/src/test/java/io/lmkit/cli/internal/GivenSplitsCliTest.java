package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
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
 * {@code lmkit data split} on a corpus that comes split already (--train, --valid, --test files): the
 * vocabulary comes from the training file, the other files' words outside it become {@code <unk>}
 * and are counted; --valid and --test are fractions with --input and files with --train.
 */
class GivenSplitsCliTest {

    @TempDir
    Path dir;

    private Path train;
    private Path valid;
    private Path test;

    @BeforeEach
    void aTinyCorpusInThreeFiles() throws IOException {
        train = Files.writeString(dir.resolve("tiny.train.txt"), "the cat sat\nthe dog sat\na cat ran\n");
        valid = Files.writeString(dir.resolve("tiny.valid.txt"), "the cow sat\n");
        test = Files.writeString(dir.resolve("tiny.test.txt"), "a bird ran away\nthe cat sat\n");
    }

    @Test
    void threeGivenFilesBecomeAFolderOfSplitsWithTheTrainingVocabulary() throws IOException {
        Path out = dir.resolve("splits");
        Run r = lmkit("data", "split", "--train", train.toString(), "--valid", valid.toString(), "--test",
                test.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("train.txt               3 sentences           9 words         0 outside"), r.out());
        assertTrue(r.out().contains("valid.txt               1 sentences           3 words         1 outside"), r.out());
        assertTrue(r.out().contains("test.txt                2 sentences           7 words         2 outside"), r.out());
        assertTrue(r.out().contains("vocab.txt               7 words including <unk>"), r.out());
        assertEquals("the <unk> sat\n", Files.readString(out.resolve("valid.txt")));
        assertEquals("a <unk> ran <unk>\nthe cat sat\n", Files.readString(out.resolve("test.txt")));
        // --min-count applies to the training file: only "the", "sat", "cat" are seen twice.
        Path pruned = dir.resolve("pruned");
        Run p = lmkit("data", "split", "--train", train.toString(), "--valid", valid.toString(), "--test",
                test.toString(), "--out", pruned.toString(), "--min-count", "2");
        assertEquals(0, p.exitCode(), p.err());
        assertEquals("the cat sat\nthe <unk> sat\n<unk> cat <unk>\n", Files.readString(pruned.resolve("train.txt")));
    }

    @Test
    void aMissingFileIsNamedWithItsOption() {
        Path nope = dir.resolve("nope.txt");
        Run r = lmkit("data", "split", "--train", train.toString(), "--valid", nope.toString(), "--test",
                test.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("lmkit: the --valid file " + nope + " does not exist"), r.err());
        assertFalse(Files.exists(dir.resolve("o").resolve("train.txt")), "nothing written");
    }

    @Test
    void fractionsGoWithInputAndFilesWithTrain() {
        Run file = lmkit("data", "split", "--input", train.toString(), "--valid", valid.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, file.exitCode());
        assertTrue(file.err().contains("--valid must be a fraction in [0, 1) with --input, got '" + valid
                + "'; to give valid and the other splits as files, use --train FILE --valid FILE --test FILE"),
                file.err());
        Run both = lmkit("data", "split", "--input", train.toString(), "--train", train.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give --input FILE (one text to split by fractions) or --train FILE"),
                both.err());
        Run half = lmkit("data", "split", "--train", train.toString(), "--valid", valid.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, half.exitCode());
        assertTrue(half.err().contains("--train needs --valid FILE and --test FILE too"), half.err());
        Run seeded = lmkit("data", "split", "--train", train.toString(), "--valid", valid.toString(), "--test",
                test.toString(), "--seed", "3", "--out", dir.resolve("o").toString());
        assertEquals(2, seeded.exitCode());
        assertTrue(seeded.err().contains("--in-order and --seed choose how --input is split"), seeded.err());
    }
}
