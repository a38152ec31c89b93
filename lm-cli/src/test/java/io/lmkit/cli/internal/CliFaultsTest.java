package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs and failing outputs through the command line: exit code 1 and a message naming the file and the fix. */
class CliFaultsTest {

    @TempDir
    Path dir;

    @Test
    void anOutputPathThroughAFileFailsNamingItAndLeavesTheOldModel() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b\nb a\n");
        Path model = dir.resolve("m.zip");
        assertEquals(0, lmkit("train", "--model", "unigram", "--train", train.toString(), "--out",
                model.toString()).exitCode());
        byte[] before = Files.readAllBytes(model);
        // Root may write into read-only folders, so the fault is a file where a folder must be.
        Path blocker = Files.writeString(dir.resolve("out"), "not a folder");
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out",
                blocker.resolve("m.zip").toString());
        assertEquals(1, r.exitCode(), r.err());
        // Progress lines come first on stderr when it is not a terminal; the error is a line of its own.
        assertTrue(r.err().lines().anyMatch(line -> line.startsWith("lmkit: cannot write " + blocker.resolve("m.zip") + ": " + blocker
                + " is a file, not a directory; choose an output path")), r.err());
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void anEmptyOrBlankTrainingFileIsNamed() throws IOException {
        for (String text : new String[] {"", "\n \n\r\n"}) {
            Path train = Files.writeString(dir.resolve("train.txt"), text);
            Run r = lmkit("train", "--model", "kneser-ney", "--train", train.toString(), "--out",
                    dir.resolve("m.zip").toString());
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("training file " + train + " has no sentences"), r.err());
        }
    }

    @Test
    void invalidUtf8FailsWithTheByteOffsetOrIsReplacedOnRequest() throws IOException {
        Path train = Files.write(dir.resolve("latin1.txt"), "caf\u00E9 au lait\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        Path model = dir.resolve("m.zip");
        Run strict = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out", model.toString());
        assertEquals(1, strict.exitCode());
        assertTrue(strict.err().contains(train + ":1: the file is not valid UTF-8 (byte offset 3)"), strict.err());
        Run lenient = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out", model.toString(),
                "--invalid-utf8", "replace");
        assertEquals(0, lenient.exitCode(), lenient.err());
        assertTrue(lenient.out().contains("vocabulary 6"), "caf\uFFFD, au, lait and the three symbols: "
                + lenient.out());
    }

    @Test
    void everyCommandThatReadsTextTakesTheSameInvalidUtf8Choice() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "au lait\nlait au\n");
        Path model = dir.resolve("m.zip");
        assertEquals(0, lmkit("train", "--model", "unigram", "--train", train.toString(), "--out",
                model.toString()).exitCode());
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00E9 au lait\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        for (String command : new String[] {"eval", "score"}) {
            String[] file = command.equals("eval") ? new String[] {"--test", latin1.toString()}
                    : new String[] {"--input", latin1.toString()};
            String[] strict = java.util.stream.Stream.concat(java.util.stream.Stream.of(command, "--model",
                    model.toString()), java.util.Arrays.stream(file)).toArray(String[]::new);
            Run failed = lmkit(strict);
            assertEquals(1, failed.exitCode(), command + ": " + failed.err());
            assertTrue(failed.err().contains(latin1 + ":1: the file is not valid UTF-8 (byte offset 3)"),
                    command + ": " + failed.err());
            String[] lenient = java.util.stream.Stream.concat(java.util.Arrays.stream(strict),
                    java.util.stream.Stream.of("--invalid-utf8", "replace")).toArray(String[]::new);
            Run replaced = lmkit(lenient);
            assertEquals(0, replaced.exitCode(), command + ": " + replaced.err());
        }
        Run bad = lmkit("eval", "--model", model.toString(), "--test", latin1.toString(), "--invalid-utf8", "skip");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--invalid-utf8 must be 'fail' or 'replace', got 'skip'"), bad.err());
    }
}
