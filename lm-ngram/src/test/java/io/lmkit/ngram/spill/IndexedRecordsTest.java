package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records put by index in any order come back in index order, in memory or through ranges on disk. */
class IndexedRecordsTest {

    @TempDir
    Path temp;

    /** 0..n−1 shuffled. */
    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The record of index i: its words are functions of i, some negative, some large. */
    private static int[] recordOf(int i) {
        return new int[] {i * 31 - 7, -i, Float.floatToRawIntBits(i / 3f)};
    }

    private static long runFiles(SpillFolder folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.path())) {
            return files.count();
        }
    }

    private void putShuffledAndReadBack(int n, long memoryBytes, boolean spills) throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            IndexedRecords placed = new IndexedRecords("test", n, 3, memoryBytes, folder);
            assertEquals(spills, placed.spilled());
            int[] padded = new int[5];
            for (int i : shuffled(n, 11)) {
                System.arraycopy(recordOf(i), 0, padded, 2, 3);
                placed.put(i, padded, 2);
            }
            try (RecordSource s = placed.inIndexOrder()) {
                for (int i = 0; i < n; i++) {
                    assertTrue(s.next(), "record " + i);
                    assertArrayEquals(recordOf(i), s.words(), "record " + i);
                    assertEquals(0, s.count());
                }
                assertFalse(s.next());
            }
            assertEquals(0, runFiles(folder), "the runs are deleted once read");
        }
    }

    @Test
    void recordsThatFitArePlacedInMemory() throws IOException {
        putShuffledAndReadBack(10_000, 10_000 * 13, false);
    }

    @Test
    void recordsThatDoNotFitAreSortedByIndexOnDiskAndComeBackInOrder() throws IOException {
        // 100,000 records of 12 bytes in 100 KiB: sorted by their index in runs on disk.
        putShuffledAndReadBack(100_000, 100 << 10, true);
    }

    @Test
    void noRecordsReadAsAnEmptyStream() throws IOException {
        putShuffledAndReadBack(0, 1 << 20, false);
    }

    @Test
    void anIndexPutTwiceOrMissingIsAnError() {
        try (SpillFolder folder = new SpillFolder(temp)) {
            IndexedRecords twice = new IndexedRecords("twice", 3, 1, 1 << 20, folder);
            twice.put(1, new int[] {5}, 0);
            twice.put(1, new int[] {6}, 0);
            twice.put(2, new int[] {7}, 0);
            IllegalStateException e = assertThrows(IllegalStateException.class, twice::inIndexOrder);
            assertEquals("twice: the indexes put are not each of 0..2 once (one was put twice, another never)",
                    e.getMessage());

            IndexedRecords missing = new IndexedRecords("missing", 3, 1, 1 << 20, folder);
            missing.put(0, new int[] {5}, 0);
            missing.put(2, new int[] {5}, 0);
            e = assertThrows(IllegalStateException.class, missing::inIndexOrder);
            assertEquals("missing: 2 records put of 3", e.getMessage());

            IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                    () -> missing.put(3, new int[] {5}, 0));
            assertEquals("index 3 of missing is outside 0..2", outside.getMessage());
        }
    }

    @Test
    void aDuplicateInARangeOnDiskIsFoundWhenTheRangeIsRead() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            // 20,000 one-int records in the least memory: sorted by index, through runs on disk. Index 0 is put
            // twice and index 1 never, so the count of puts alone cannot tell.
            IndexedRecords placed = new IndexedRecords("dup", 20_000, 1, IndexedRecords.minimumBytes(1), folder);
            assertTrue(placed.spilled());
            for (int i = 0; i < 20_000; i++) {
                placed.put(i == 1 ? 0 : i, new int[] {i}, 0);
            }
            try (RecordSource s = placed.inIndexOrder()) {
                assertTrue(s.next());
                assertEquals(0, s.words()[0]);
                IllegalStateException e = assertThrows(IllegalStateException.class, s::next);
                assertEquals("index 1 of dup was never put (another was put twice)", e.getMessage());
            }
        }
    }

    @Test
    void tooLittleMemoryNamesTheLeastThatWorks() {
        try (SpillFolder folder = new SpillFolder(temp)) {
            LmkitException e = assertThrows(LmkitException.class,
                    () -> new IndexedRecords("trie-5", 1000, 3, 100, folder));
            assertTrue(e.getMessage().startsWith("placing trie-5 needs at least "), e.getMessage());
            assertTrue(e.getMessage().endsWith("; give a larger memory="), e.getMessage());
        }
    }
}
