package io.lmkit.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailureWhileWritingLeavesTheOldFileIntactAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("model.zip"), "old model");
        LmkitException e = assertThrows(LmkitException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half a new mod".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("intact"),
                e.getMessage());
        assertEquals("old model", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void anUnwritableDirectoryIsAClearError(@TempDir Path dir) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            LmkitException e = assertThrows(LmkitException.class,
                    () -> AtomicFiles.write(locked.resolve("x.txt"), out -> out.write(1)));
            assertTrue(e.getMessage().contains(locked.resolve("x.txt").toString()), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileWhereAFolderShouldBeIsAClearErrorEvenForRoot(@TempDir Path dir) throws IOException {
        // Root may write into read-only folders, so this fault works for every user.
        Path file = Files.writeString(dir.resolve("models"), "a file, not a folder");
        LmkitException e = assertThrows(LmkitException.class,
                () -> AtomicFiles.write(file.resolve("sub/m.zip"), out -> out.write(1)));
        assertTrue(e.getMessage().contains(file.resolve("sub/m.zip").toString())
                && e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
        assertEquals("a file, not a folder", Files.readString(file));
    }

    @Test
    void aFailingDiskWhileFlushingLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("model.zip"), "old model");
        // A write that fails part-way through a large buffer, as a full disk does.
        LmkitException e = assertThrows(LmkitException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1 << 20]);
            throw new java.io.IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + target), e.getMessage());
        assertEquals("old model", Files.readString(target));
    }

    @Test
    void aNewFileIsReadableByAllAndAReplacedFileKeepsItsPermissions(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(
                java.nio.file.attribute.PosixFileAttributeView.class), "POSIX permissions only");
        Path fresh = dir.resolve("report.md");
        AtomicFiles.write(fresh, out -> out.write('x'));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)), "not the owner-only mode of a temporary file");
        Path shared = Files.writeString(dir.resolve("model.zip"), "old");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(shared, out -> out.write('y'));
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(shared)));
    }

    @Test
    void writesCreateMissingParentFolders(@TempDir Path dir) {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.write(target, out -> out.write("x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isRegularFile(target));
    }
}
