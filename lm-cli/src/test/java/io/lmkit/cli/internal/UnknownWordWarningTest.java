package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training warns, once, when the vocabulary leaves more than 10 % of the training words unknown. */
class UnknownWordWarningTest {

    @TempDir
    Path dir;

    @Test
    void aVocabularyMissingMostOfTheTextIsWarnedAboutOnceNamingTheShareAndTheFix() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b c d e f\ng h a i j k\n");
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "<unk>\n<s>\n</s>\na\nb\n");
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--vocab", vocab.toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(0, r.exitCode(), r.err());
        String warning = "lmkit: warning: 75.0% of the words of " + train + " (9 of 12) are not in the vocabulary of"
                + " 5 words and become <unk>; use a larger vocabulary (a --vocab file with more words, a higher"
                + " --max-vocab or a lower --min-count)";
        assertEquals(1, r.err().lines().filter(warning::equals).count(), r.err());
    }

    @Test
    void theThresholdIsTenPercentSoTheUsualProtocolsPassQuietly() throws IOException {
        // 100 words of which 10 are unknown (brown-v1 has 5.8 %), then 11: only the second warns.
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nw\n");
        for (int unknown : new int[] {10, 11}) {
            Path train = Files.writeString(dir.resolve("train" + unknown + ".txt"),
                    "w ".repeat(100 - unknown) + "x ".repeat(unknown) + "\n");
            Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--vocab", vocab.toString(),
                    "--out", dir.resolve("m" + unknown + ".zip").toString());
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(unknown == 11, r.err().contains("lmkit: warning: 11.0% of the words of " + train), r.err());
        }
    }

    @Test
    void wordsThatAreUnkInTheTextItselfAreNotCounted() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nw\n");
        Path train = Files.writeString(dir.resolve("train.txt"), "w <unk> <unk> <unk> w\n");
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--vocab", vocab.toString(),
                "--out", dir.resolve("m.zip").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void aVocabularyBuiltFromTheTrainingTextIsNotWarnedAbout() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b c d e f\ng h a i j k\n");
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out",
                dir.resolve("m.zip").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
    }
}
