package io.lmkit.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an atomic write does with a target that is not a plain file: refuse it, or write through a link. */
class AtomicFilesTargetsTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("model.zip"));
        Files.writeString(folder.resolve("inside.txt"), "kept");
        assertRefused(folder, "is a directory, which is never replaced");
        assertEquals("kept", Files.readString(folder.resolve("inside.txt")));
    }

    @Test
    void aFifoIsNeverReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo is not available");
        assertRefused(fifo, "is not a regular file (a device, FIFO or socket)");
        assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                "still a FIFO");
    }

    @Test
    void aDeviceNodeIsNeverReplaced() throws Exception {
        Path device = dir.resolve("full");
        // A copy of /dev/full (character device 1:7); only root, with CAP_MKNOD, may make one.
        assumeTrue(run("mknod", device.toString(), "c", "1", "7") == 0,
                "mknod needs root (and CAP_MKNOD); the device case is skipped");
        assertRefused(device, "is not a regular file (a device, FIFO or socket)");
        assertTrue(Files.readAttributes(device, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                "still a device");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.zip"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), real.getFileName());
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertEquals("new", Files.readString(real));
        AtomicFiles.requireWritable(link);
    }

    @Test
    void aLinkToADirectoryOrToNothingIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertRefused(Files.createSymbolicLink(dir.resolve("to-folder"), folder), "is a directory");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));
        assertRefused(dangling, "is a symbolic link to a missing file");
        assertTrue(Files.isSymbolicLink(dangling));
    }

    @Test
    void theProbeAcceptsANewFileInFoldersStillToBeMadeAndLeavesNothing() throws IOException {
        AtomicFiles.requireWritable(dir.resolve("a/b/model.zip"));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the probe's file is deleted and no folder is made");
        }
    }

    @Test
    void theProbeRefusesAFileWhereAFolderMustBe() throws IOException {
        Path file = Files.writeString(dir.resolve("models"), "a file");
        LmkitException e = assertThrows(LmkitException.class,
                () -> AtomicFiles.requireWritable(file.resolve("m.zip")));
        assertTrue(e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
    }

    private static void assertRefused(Path target, String why) {
        LmkitException write = assertThrows(LmkitException.class,
                () -> AtomicFiles.write(target, out -> out.write('x')));
        assertTrue(write.getMessage().startsWith("cannot write " + target + ": ")
                && write.getMessage().contains(why), write.getMessage());
        LmkitException probe = assertThrows(LmkitException.class, () -> AtomicFiles.requireWritable(target));
        assertEquals(write.getMessage(), probe.getMessage());
    }

    private static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (IOException notInstalled) {
            return -1;
        }
    }
}
