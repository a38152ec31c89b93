package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static io.lmkit.cli.internal.OutputPathsCliTest.LSTM;
import static io.lmkit.cli.internal.OutputPathsCliTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code --out} that is not a regular file (a directory, a FIFO, a device) is refused and left
 * as it was; a symbolic link is written through; an output that cannot be written is found before
 * training, not after it.
 */
class OutputTargetsCliTest {

    @TempDir
    Path dir;
    Path train;

    @BeforeEach
    void corpus() throws IOException {
        train = Files.writeString(dir.resolve("t.txt"), "the cat sat\nthe dog ran\na cat ran\n");
    }

    @Test
    void anExistingDirectoryAtOutIsRefusedBeforeAnLstmTrains() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("model.zip"));
        Run r = lmkit(args(LSTM, "--train", train.toString(), "--out", folder.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("lmkit: cannot write " + folder + ": it is a directory, which is never"
                + " replaced; choose a file name for the output"), r.err());
        assertFalse(r.err().contains("epoch"), "refused before training: " + r.err());
        assertFalse(Files.exists(dir.resolve("model.zip.ckpt")), "no checkpoint: training never started");
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aFolderPathThroughAFileIsRefusedBeforeAnLstmTrains() throws IOException {
        Path blocker = Files.writeString(dir.resolve("models"), "a file");
        Run r = lmkit(args(LSTM, "--train", train.toString(), "--out", blocker.resolve("m.zip").toString(),
                "--checkpoint", dir.resolve("m.ckpt").toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(blocker + " is a file, not a directory"), r.err());
        assertFalse(Files.exists(dir.resolve("m.ckpt")), "no checkpoint: training never started");
    }

    @Test
    void aReadOnlyFolderIsRefusedBeforeTraining() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write into read-only folders");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Run r = lmkit(args(LSTM, "--train", train.toString(), "--out", locked.resolve("m.zip").toString(),
                    "--checkpoint", dir.resolve("m.ckpt").toString()));
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("permission denied for " + locked), r.err());
            assertFalse(Files.exists(dir.resolve("m.ckpt")));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFifoAtOutIsRefusedAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("fifo.zip");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo is not available");
        assertSpecialFileRefused(fifo);
    }

    @Test
    void aDeviceAtOutIsRefusedAndStaysADevice() throws Exception {
        Path device = dir.resolve("full.zip");
        // A copy of /dev/full; making one needs root with CAP_MKNOD, so elsewhere this case is skipped.
        assumeTrue(run("mknod", device.toString(), "c", "1", "7") == 0,
                "mknod failed (needs root and CAP_MKNOD): the device case is skipped");
        assertSpecialFileRefused(device);
    }

    @Test
    void aSymbolicLinkAtOutIsWrittenThroughAndKept() throws IOException {
        Path real = Files.writeString(dir.resolve("real.zip"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), real.getFileName());
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out", link.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().strip().endsWith("wrote " + link + " (a symbolic link: its target " + real.toRealPath()
                + " was written)"), r.out());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(0, lmkit("eval", "--model", real.toString(), "--test", train.toString()).exitCode(),
                "the link's target is the model");
    }

    private void assertSpecialFileRefused(Path special) throws IOException {
        Run r = lmkit("train", "--model", "unigram", "--train", train.toString(), "--out", special.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("lmkit: cannot write " + special + ": it is not a regular file (a device, FIFO"
                + " or socket), which is never replaced"), r.err());
        assertTrue(Files.readAttributes(special, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                "left as it was");
    }

    static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (IOException notInstalled) {
            return -1;
        }
    }
}
