package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint folder keeps what its last checkpoint names when an estimation stops, deletes a run read since
 * only once the next checkpoint no longer names it, never takes a checkpoint once it has started to go, and
 * deletes nothing it did not write.
 */
class CheckpointFolderTest {

    @TempDir
    Path temp;

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static RunFile run(SpillFolder folder, String name, int value) {
        RunFile.Writer w = RunFile.writer(folder, name, 1, 1);
        w.add(new int[] {value}, 1);
        return w.finish();
    }

    @Test
    void aRunTheCheckpointNamesOutlivesItsReadingUntilTheNextCheckpointAndAStop() throws IOException {
        Path dir = temp.resolve("cp");
        SpillFolder folder = SpillFolder.checkpoint(dir);
        RunFile named = run(folder, "adjusted-2", 7);
        RunFile other = run(folder, "p-1", 8);
        Path checkpoint = dir.resolve(SpillFolder.CHECKPOINT_FILE);
        Path written = Files.writeString(dir.resolve(SpillFolder.CHECKPOINT_FILE + ".tmp"), "first");
        folder.commitCheckpoint(written, checkpoint, Set.of(checkpoint, named.path()));
        try (RecordSource s = named.open()) {
            assertTrue(s.next());
        }
        try (RecordSource s = other.open()) {
            assertTrue(s.next());
        }
        assertTrue(Files.exists(named.path()), "read, but the checkpoint names it");
        assertTrue(Files.notExists(other.path()), "read and named by no checkpoint: deleted at once");
        RunFile later = run(folder, "p-2", 9);
        folder.close(); // stopped, not completed
        assertEquals(List.of(named.path().getFileName().toString(), SpillFolder.CHECKPOINT_FILE,
                SpillFolder.LOCK_FILE), files(dir), "the checkpoint and what it names stay (and the lock file); "
                + later.path().getFileName() + " goes");
        assertEquals("first", Files.readString(checkpoint));
    }

    @Test
    void aCheckpointIsNotPutInPlaceOnceTheFolderHasStartedToGo() throws IOException {
        Path dir = temp.resolve("going");
        SpillFolder folder = SpillFolder.checkpoint(dir);
        RunFile named = run(folder, "adjusted-3", 1);
        Path checkpoint = dir.resolve(SpillFolder.CHECKPOINT_FILE);
        folder.commitCheckpoint(Files.writeString(dir.resolve("checkpoint.lmkit.tmp"), "old"), checkpoint,
                Set.of(checkpoint, named.path()));
        RunFile newer = run(folder, "p-3", 2);
        folder.close();
        Path written = Files.writeString(dir.resolve("checkpoint.lmkit.tmp"), "new");
        IOException refused = assertThrows(IOException.class,
                () -> folder.commitCheckpoint(written, checkpoint, Set.of(checkpoint, newer.path())));
        assertTrue(refused.getMessage().contains("its last checkpoint stays in " + dir), refused.getMessage());
        assertEquals("old", Files.readString(checkpoint));
        assertTrue(Files.notExists(written));
    }

    @Test
    void aCompletedEstimationEmptiesItsFolderOfWhatItWroteOnly() throws IOException {
        Path dir = temp.resolve("done");
        SpillFolder folder = SpillFolder.checkpoint(dir);
        RunFile named = run(folder, "table-p-2", 3);
        Path checkpoint = dir.resolve(SpillFolder.CHECKPOINT_FILE);
        folder.commitCheckpoint(Files.writeString(dir.resolve("checkpoint.lmkit.tmp"), "x"), checkpoint,
                Set.of(checkpoint, named.path()));
        Files.createDirectories(dir.resolve(SpillFolder.MODEL_FOLDER));
        Files.writeString(dir.resolve(SpillFolder.MODEL_FOLDER).resolve("probs-2"), "tables");
        Files.writeString(dir.resolve("notes.txt"), "a user's file, put there while it ran");
        folder.complete();
        folder.close();
        assertEquals(List.of("notes.txt"), files(dir));
    }

    @Test
    void runsAreNumberedAfterThoseAKilledEstimationLeft() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("killed"));
        Files.writeString(dir.resolve("order-5-41.run"), "left by a kill");
        try (SpillFolder folder = SpillFolder.checkpoint(dir)) {
            RunFile r = run(folder, "order-5", 4);
            assertEquals("order-5-42.run", r.path().getFileName().toString());
            assertEquals("left by a kill", Files.readString(dir.resolve("order-5-41.run")));
        }
    }

    @Test
    void aSecondEstimationOnAFolderInUseIsRefusedAndDeletesNothing() throws IOException {
        Path dir = temp.resolve("busy");
        try (SpillFolder first = SpillFolder.checkpoint(dir)) {
            RunFile running = run(first, "order-3", 5);
            io.lmkit.core.LmkitException refused = assertThrows(io.lmkit.core.LmkitException.class,
                    () -> SpillFolder.checkpoint(dir));
            assertEquals("checkpointDir=" + dir + " is in use by another estimation that is still running; wait for"
                    + " it to end, or give another folder", refused.getMessage());
            assertTrue(Files.exists(running.path()), "the running estimation's run is left alone");
        }
        try (SpillFolder after = SpillFolder.checkpoint(dir)) {
            assertTrue(after.isCheckpoint(), "free again once the first is closed");
        }
    }
}
