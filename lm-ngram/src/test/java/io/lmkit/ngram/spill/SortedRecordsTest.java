package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting records in bounded memory: spilled runs merged back equal an in-memory sort; faults named. */
class SortedRecordsTest {

    @TempDir
    Path temp;

    /** 3-word records as a key that sorts in suffix order: last word first. */
    private static List<Integer> suffixKey(int[] w) {
        return List.of(w[2], w[1], w[0]);
    }

    private static TreeMap<List<Integer>, Long> reference(List<int[]> records) {
        TreeMap<List<Integer>, Long> m = new TreeMap<>(SortedRecordsTest::compare);
        records.forEach(r -> m.merge(suffixKey(r), 1L, Long::sum));
        return m;
    }

    private static List<int[]> randomRecords(int n) {
        SplittableRandom random = new SplittableRandom(9);
        List<int[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new int[] {random.nextInt(30), random.nextInt(30), random.nextInt(1 + random.nextInt(30))});
        }
        return records;
    }

    private static TreeMap<List<Integer>, Long> readAll(RecordSource s) throws IOException {
        TreeMap<List<Integer>, Long> out = new TreeMap<>(SortedRecordsTest::compare);
        List<Integer> previous = null;
        while (s.next()) {
            List<Integer> key = suffixKey(s.words());
            assertTrue(previous == null || compare(previous, key) < 0, "strictly increasing: " + previous + " " + key);
            out.put(key, s.count());
            previous = key;
        }
        s.close();
        return out;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void theLeastMemorySpillsManyRunsMergedInPassesAndGivesTheInMemorySort() throws IOException {
        List<int[]> records = randomRecords(20_000);
        try (SpillFolder folder = new SpillFolder(temp)) {
            // The least memory: a buffer of about 64 records, and merges of two runs at a time.
            SortedRecords sorter = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, SortedRecords.minimumBytes(3),
                    folder);
            SortedRecords inMemory = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, 64 << 20, folder);
            records.forEach(r -> sorter.add(r, 1));
            records.forEach(r -> inMemory.add(r, 1));
            assertTrue(sorter.spilledRuns() > 20, sorter.spilledRuns() + " runs");
            assertEquals(0, inMemory.spilledRuns(), "everything fits: one run, in memory");
            TreeMap<List<Integer>, Long> expected = reference(records);
            TreeMap<List<Integer>, Long> spilled = readAll(sorter.sorted());
            assertEquals(expected, spilled);
            assertEquals(expected, readAll(inMemory.sorted()));
            try (var left = Files.list(folder.path())) {
                assertEquals(0, left.count(), "every run read is deleted");
            }
            assertTrue(folder.bytesWritten() > 20_000 * 20, "runs were written: " + folder.bytesWritten());
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the spill folder is removed on close");
        }
    }

    @Test
    void wordsOfEveryRangeSortAsIntegerCompareDoesInBothOrders() throws IOException {
        // The radix sort's digits: small ranks, ranks past 2^11 and 2^22 (second and third digits), negatives.
        SplittableRandom random = new SplittableRandom(23);
        List<int[]> records = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            int[] r = new int[3];
            for (int w = 0; w < 3; w++) {
                r[w] = switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(40);
                    case 1 -> random.nextInt(1 << 12) << 11 | random.nextInt(3);
                    case 2 -> random.nextInt(4) << 22 | random.nextInt(2);
                    case 3 -> random.nextInt();
                    default -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                };
            }
            records.add(r);
        }
        for (RecordOrder order : RecordOrder.values()) {
            for (KeyRepeats repeats : KeyRepeats.values()) {
            for (long memory : new long[] {SortedRecords.minimumBytes(3), 64 << 20}) {
                try (SpillFolder folder = new SpillFolder(temp)) {
                    SortedRecords sorter = new SortedRecords("order-3", 3, 3, order, repeats, memory, folder);
                    records.forEach(r -> sorter.add(r, 1));
                    java.util.Map<List<Integer>, Long> expected = new java.util.HashMap<>();
                    records.forEach(r -> expected.merge(List.of(r[0], r[1], r[2]), 1L, Long::sum));
                    java.util.Map<List<Integer>, Long> read = new java.util.HashMap<>();
                    int[] previous = null;
                    try (RecordSource s = sorter.sorted()) {
                        while (s.next()) {
                            int[] w = s.words().clone();
                            assertTrue(previous == null || order.compare(previous, 0, w, 0, 3) < 0,
                                    order + ", " + memory + " bytes: strictly increasing " + Arrays.toString(previous)
                                            + " then " + Arrays.toString(w));
                            read.put(List.of(w[0], w[1], w[2]), s.count());
                            previous = w;
                        }
                    }
                    assertEquals(expected, read, order + ", " + repeats + ", " + memory + " bytes");
                }
            }
            }
        }
    }

    @Test
    void ofEqualKeysSpilledInManyRunsAndMergedInPassesTheFirstAddedPayloadIsKept() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            // Key: the first word (seven keys); payload: the second, the order of adding. 128 KiB: merges of
            // four runs at a time, so that equal keys meet in a heap of more than two.
            SortedRecords sorter = new SortedRecords("payloads", 2, 1, RecordOrder.SUFFIX, KeyRepeats.FEW,
                    128 << 10, folder);
            int records = 100_000;
            for (int i = 0; i < records; i++) {
                sorter.add(new int[] {(i * 5) % 7, i}, 1);
            }
            assertTrue(sorter.spilledRuns() > 20, sorter.spilledRuns() + " runs: merged in passes");
            try (RecordSource s = sorter.sorted()) {
                for (int key = 0; key < 7; key++) {
                    assertTrue(s.next());
                    assertEquals(key, s.words()[0]);
                    int first = 0;
                    while ((first * 5) % 7 != key) {
                        first++;
                    }
                    assertEquals(first, s.words()[1], "the payload of the first record added with key " + key);
                    assertEquals((records - first + 6) / 7, s.count(), "every record of key " + key + " counted");
                }
                assertFalse(s.next());
            }
        }
    }

    @Test
    void payloadWordsCodedAsVarintsComeBackBitForBitInFewerBytes() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            // Key: two words; payload: two small counts (a few large or negative ones among them, which a varint
            // still carries, in five bytes) and the bits of a float.
            SplittableRandom random = new SplittableRandom(3);
            List<int[]> added = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                int small = i % 997 == 0 ? (i % 2 == 0 ? -1 - i : Integer.MAX_VALUE - i) : random.nextInt(200);
                added.add(new int[] {i / 100, i % 100, small, random.nextInt(5),
                        Float.floatToRawIntBits((float) -random.nextDouble())});
            }
            RunFile[] runs = new RunFile[2];
            int[] varintWords = {2, 4};
            for (int v = 0; v < 2; v++) {
                RunFile.Writer w = RunFile.writer(folder, "payload-" + varintWords[v], 5, varintWords[v]);
                for (int i = 0; i < added.size(); i++) {
                    w.add(added.get(i), i - 7);
                }
                runs[v] = w.finish();
            }
            assertTrue(runs[1].bytes() < runs[0].bytes() * 0.8, runs[1].bytes() + " bytes with the counts as varints, "
                    + runs[0].bytes() + " as they are");
            for (RunFile run : runs) {
                try (RecordSource s = run.open()) {
                    for (int i = 0; i < added.size(); i++) {
                        assertTrue(s.next());
                        assertArrayEquals(added.get(i), Arrays.copyOf(s.words(), 5), "record " + i);
                        assertEquals(i - 7, s.count());
                    }
                    assertFalse(s.next());
                }
            }
            // A sorter spilling such records gives them back sorted, with their payloads.
            SortedRecords sorter = new SortedRecords("payloads", 5, 2, 4, RecordOrder.SUFFIX, KeyRepeats.FEW,
                    SortedRecords.minimumBytes(5), folder);
            for (int i = added.size() - 1; i >= 0; i--) {
                sorter.add(added.get(i), 1);
            }
            assertTrue(sorter.spilledRuns() > 10, sorter.spilledRuns() + " runs");
            try (RecordSource s = sorter.sorted()) {
                for (int second = 0; second < 100; second++) {
                    for (int first = 0; first < 200; first++) {
                        assertTrue(s.next());
                        assertArrayEquals(added.get(first * 100 + second), Arrays.copyOf(s.words(), 5));
                    }
                }
                assertFalse(s.next());
            }
            assertThrows(IllegalArgumentException.class, () -> new SortedRecords("payloads", 5, 2, 1,
                    RecordOrder.SUFFIX, KeyRepeats.FEW, 1 << 20, folder));
        }
    }

    @Test
    void aTemporaryFolderRemovedBeneathASorterIsNamedAsSuchNotAsAFullDisk() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            SortedRecords sorter = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, SortedRecords.minimumBytes(3),
                    folder);
            int i = 0;
            while (sorter.spilledRuns() == 0) {
                sorter.add(new int[] {i, i + 1, i + 2}, 1);
                i++;
            }
            try (var files = Files.walk(folder.path())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            int from = i;
            LmkitException e = assertThrows(LmkitException.class, () -> {
                for (int j = from; j < from + 100_000; j++) {
                    sorter.add(new int[] {j, j + 1, j + 2}, 1);
                }
                sorter.spilledRuns();
            });
            assertTrue(e.getMessage().contains(folder.path() + " (") && e.getMessage().contains(
                    "the folder was removed while the estimation ran") && e.getMessage().contains("tempDir="),
                    e.getMessage());
        }
    }

    @Test
    void aFolderClosedAfterAFailureLeavesNothing() {
        SpillFolder folder = new SpillFolder(temp);
        SortedRecords sorter = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, SortedRecords.minimumBytes(3),
                folder);
        randomRecords(5_000).forEach(r -> sorter.add(r, 1));
        assertTrue(sorter.spilledRuns() > 0);
        folder.close();
        assertFalse(Files.exists(folder.path()));
    }

    @Test
    void aFullDiskIsOneLineNamingTheFolderAndTheWayOut() {
        java.util.concurrent.atomic.AtomicLong disk = new java.util.concurrent.atomic.AtomicLong();
        try (SpillFolder folder = new SpillFolder(temp, file -> failingAfter(Files.newOutputStream(file), disk, 10_000))) {
            SortedRecords sorter = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, SortedRecords.minimumBytes(3),
                    folder);
            LmkitException e = assertThrows(LmkitException.class,
                    () -> randomRecords(20_000).forEach(r -> sorter.add(r, 1)));
            assertTrue(e.getMessage().startsWith("cannot write sorted n-gram runs to " + folder.path()
                    + " (No space left on device) after "), e.getMessage());
            assertTrue(e.getMessage().contains("give tempDir=DIR on a disk with room"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "nothing is left after the failure");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFolderClosedWhileARunIsWrittenInTheBackgroundStopsItAndLeavesNothing() throws Exception {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        // A disk that hangs: the first write of a run blocks until the thread is interrupted.
        SpillFolder folder = new SpillFolder(temp, file -> new OutputStream() {
            private final OutputStream out = Files.newOutputStream(file);

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writing.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    stopped.set(true);
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        });
        SortedRecords sorter = new SortedRecords("order-3", 3, RecordOrder.SUFFIX, SortedRecords.minimumBytes(3),
                folder);
        // The first full buffer goes to the background; a second would wait for it, so add only until the first.
        List<int[]> records = randomRecords(20_000);
        int i = 0;
        while (!sorter.writingRun()) {
            sorter.add(records.get(i++), 1);
        }
        assertTrue(writing.await(10, java.util.concurrent.TimeUnit.SECONDS), "a run is being written");
        // The estimation fails here, on its own thread; closing the folder must not wait forever or leave files.
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), folder::close);
        assertTrue(stopped.get(), "the background write was stopped before close returned");
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "nothing is left: the background run was stopped before the folder went");
        }
    }

    @Test
    void tooLittleMemoryForASorterSaysHowMuchItNeeds() {
        try (SpillFolder folder = new SpillFolder(temp)) {
            LmkitException e = assertThrows(LmkitException.class,
                    () -> new SortedRecords("order-3", 3, RecordOrder.SUFFIX, 1000, folder));
            assertEquals("sorting order-3 needs at least 19.8 KiB of memory, given 1000 bytes; give a larger memory=",
                    e.getMessage());
        }
    }

    @Test
    void memorySizesAreReadAsLmplzReadsThem() {
        assertEquals(64L << 20, MemorySize.parse("64m"));
        assertEquals(4L << 30, MemorySize.parse("4G"));
        assertEquals(1048576, MemorySize.parse("1048576"));
        assertEquals(512L << 10, MemorySize.parse("512kb"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("lots"));
        assertEquals("memory must be a size such as 64m, 4g or 1048576 (bytes; suffixes k, m, g, t), got 'lots'",
                e.getMessage());
    }

    /** A stream that fails as a full disk does once {@code limit} bytes have gone to all the files of {@code disk}. */
    private static OutputStream failingAfter(OutputStream out, java.util.concurrent.atomic.AtomicLong disk, long limit) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (disk.addAndGet(len) > limit) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Test
    void recordsOfTheSameWordsAreAddedUp() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            SortedRecords sorter = new SortedRecords("order-2", 2, RecordOrder.SUFFIX, 1 << 20, folder);
            sorter.add(new int[] {1, 2}, 3);
            sorter.add(new int[] {2, 1}, 1);
            sorter.add(new int[] {1, 2}, 4);
            try (RecordSource s = sorter.sorted()) {
                assertTrue(s.next());
                assertEquals("[2, 1] 1", Arrays.toString(s.words()) + " " + s.count());
                assertTrue(s.next());
                assertEquals("[1, 2] 7", Arrays.toString(s.words()) + " " + s.count());
                assertFalse(s.next());
            }
        }
    }

    @Test
    void aRecordStoresOnlyTheFieldsThatDifferFromThePreviousRecord() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            RunFile.Writer writer = RunFile.writer(folder, "order-3", 3, 3);
            for (int i = 0; i < 1000; i++) {
                writer.add(new int[] {7, 7, i}, 1);
            }
            RunFile run = writer.finish();
            Path file;
            try (var files = Files.list(folder.path())) {
                file = files.findFirst().orElseThrow();
            }
            // The first record in full (a mask byte and four one-byte fields), then a mask byte and i alone:
            // one varint byte below 128, two from 128. Fixed-width records would take 20 bytes each.
            assertEquals(5 + 127 * 2 + 872 * 3, Files.size(file));
            try (RecordSource s = run.openKeeping()) {
                for (int i = 0; i < 1000; i++) {
                    assertTrue(s.next());
                    assertEquals(List.of(7, 7, i, 1), List.of(s.words()[0], s.words()[1], s.words()[2],
                            (int) s.count()));
                }
                assertFalse(s.next());
            }
            run.delete();

            // Payload words (here a float's bits after two key words) are written as their 4 bytes when they change:
            // the first record takes 8 bytes, then a mask, i (1 or 2 bytes) and the float (4) each.
            RunFile.Writer withPayload = RunFile.writer(folder, "p-2", 3, 2);
            for (int i = 0; i < 200; i++) {
                withPayload.add(new int[] {7, i, Float.floatToRawIntBits(-1.5f - i)}, 0);
            }
            RunFile p = withPayload.finish();
            try (var files = Files.list(folder.path())) {
                file = files.filter(f -> f.getFileName().toString().startsWith("p-2")).findFirst().orElseThrow();
            }
            assertEquals(8 + 127 * 6 + 72 * 7, Files.size(file));
            try (RecordSource s = p.open()) {
                for (int i = 0; i < 200; i++) {
                    assertTrue(s.next());
                    assertEquals(List.of(7, i), List.of(s.words()[0], s.words()[1]));
                    assertEquals(-1.5f - i, Float.intBitsToFloat(s.words()[2]));
                    assertEquals(0, s.count());
                }
                assertFalse(s.next());
            }
        }
    }

    @Test
    void anyIntsAndCountsReadBackAsWritten() throws IOException {
        java.util.Random random = new java.util.Random(17);
        int[][] records = new int[5000][];
        long[] counts = new long[records.length];
        try (SpillFolder folder = new SpillFolder(temp)) {
            RunFile.Writer writer = RunFile.writer(folder, "order-9", 9, 6);
            for (int r = 0; r < records.length; r++) {
                records[r] = new int[9];
                for (int i = 0; i < 9; i++) {
                    // Repeats of the previous record's field, small ids, and ints and longs of every range.
                    records[r][i] = switch (random.nextInt(4)) {
                        case 0 -> r > 0 ? records[r - 1][i] : 0;
                        case 1 -> random.nextInt(200);
                        case 2 -> random.nextInt();
                        default -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    };
                }
                counts[r] = switch (random.nextInt(4)) {
                    case 0 -> r > 0 ? counts[r - 1] : 0;
                    case 1 -> random.nextInt(5);
                    case 2 -> random.nextLong();
                    default -> random.nextBoolean() ? Long.MIN_VALUE : -1;
                };
                writer.add(records[r], counts[r]);
            }
            RunFile run = writer.finish();
            try (RecordSource s = run.open(RunFile.BUFFER_BYTES)) {
                for (int r = 0; r < records.length; r++) {
                    assertTrue(s.next());
                    assertArrayEquals(records[r], s.words(), "record " + r);
                    assertEquals(counts[r], s.count(), "record " + r);
                }
                assertFalse(s.next());
            }
        }
    }

    @Test
    void aRunReadsBackAcrossItsBuffersAndARunCutShortIsNamedNotMisread() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            // 1,000 records whose fields all change: 18,868 bytes, more than twice a merge reader's 8 KiB buffer.
            RunFile.Writer writer = RunFile.writer(folder, "order-3", 3, 3);
            for (int i = 0; i < 1000; i++) {
                writer.add(new int[] {i, -i, Integer.MAX_VALUE - i}, 1L << 40 | i);
            }
            RunFile run = writer.finish();
            assertEquals(1000, run.records());
            Path file;
            try (var files = Files.list(folder.path())) {
                file = files.findFirst().orElseThrow();
            }
            // A mask byte, i in 1 or 2 varint bytes, -i and MAX_VALUE - i in 5 (0 in 1), the count's 41 bits in 6.
            assertEquals(14 + 127 * 18 + 872 * 19, Files.size(file));
            byte[] whole = Files.readAllBytes(file);
            try (RecordSource s = run.open(RunFile.BUFFER_BYTES)) {
                for (int i = 0; i < 1000; i++) {
                    assertTrue(s.next(), "record " + i);
                    assertEquals(List.of(i, -i, Integer.MAX_VALUE - i), List.of(s.words()[0], s.words()[1], s.words()[2]));
                    assertEquals(1L << 40 | i, s.count());
                }
                assertFalse(s.next());
            }
            // The same run, its last record cut short (as a full disk or another program might leave it).
            Files.write(file, Arrays.copyOf(whole, whole.length - 5));
            assertEquals(whole.length - 5, Files.size(file));
            RecordSource cut = run.open();
            IOException e = assertThrows(IOException.class, () -> {
                while (cut.next()) {
                    assertTrue(cut.count() >= 1L << 40, "no record is misread");
                }
            });
            assertTrue(e.getMessage().contains("ends early") && e.getMessage().contains(file.toString()), e.getMessage());
            cut.close();
        }
    }
    @Test
    void varintsOfEveryLengthReadBackAndTakeOneByteForEachSevenBits() throws IOException {
        // The edges of each length, 1 to 5 bytes, in both directions, and the ints whose fifth byte is full.
        int[] values = {0, 1, 127, 128, 16_383, 16_384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28,
                Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0x7F, 1 << 28, 5, -2, 128};
        int[] lengths = {1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5, 1, 5, 1, 5, 2};
        try (SpillFolder folder = new SpillFolder(temp)) {
            RunFile.Writer writer = RunFile.writer(folder, "varints", 2, 2);
            int expectedBytes = 0;
            // Enough records that most are decoded where the buffer holds a whole record (the fast path), the
            // last ones where it does not; the second word is always the previous record's, never written.
            int rounds = 400;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < values.length; i++) {
                    writer.add(new int[] {values[i], 7}, 0);
                    boolean first = round == 0 && i == 0;
                    expectedBytes += 1 + lengths[i] + (first ? 1 + 1 : 0); // mask, word, (first: 7 and the count)
                }
            }
            RunFile run = writer.finish();
            assertEquals(expectedBytes, run.bytes());
            try (RecordSource s = run.open()) {
                for (int round = 0; round < rounds; round++) {
                    for (int value : values) {
                        assertTrue(s.next());
                        assertEquals(value, s.words()[0]);
                        assertEquals(7, s.words()[1]);
                        assertEquals(0, s.count());
                    }
                }
                assertFalse(s.next());
            }
        }
    }

    @Test
    void aVarintLongerThanAnIntIsAMalformedRecordNotAnotherInt() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            RunFile.Writer writer = RunFile.writer(folder, "one-word", 1, 1);
            writer.add(new int[] {-1}, 0); // mask 0x00, FF FF FF FF 0F, count 00
            for (int i = 0; i < 2000; i++) {
                writer.add(new int[] {i}, 0);
            }
            RunFile run = writer.finish();
            Path file;
            try (var files = Files.list(folder.path())) {
                file = files.findFirst().orElseThrow();
            }
            byte[] whole = Files.readAllBytes(file);
            assertEquals(0x0F, whole[5]);
            for (int fifth : new int[] {0x1F, 0x8F}) { // 36 bits; a sixth byte
                byte[] changed = whole.clone();
                changed[5] = (byte) fifth;
                Files.write(file, changed);
                IOException e = assertThrows(IOException.class, () -> countToTheEnd(run.openKeeping()));
                assertTrue(e.getMessage().contains("malformed record") && e.getMessage().contains(file.toString()),
                        e.getMessage());
            }
        }
    }

    @Test
    void aRunChangedAfterItWasWrittenFailsAtItsEndNamingTheRunNotReadAsOtherRecords() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            RunFile.Writer writer = RunFile.writer(folder, "order-2", 2, 1);
            for (int i = 0; i < 3000; i++) {
                writer.add(new int[] {i, Float.floatToRawIntBits(i / 7f)}, i % 5);
            }
            RunFile run = writer.finish();
            Path file;
            try (var files = Files.list(folder.path())) {
                file = files.findFirst().orElseThrow();
            }
            byte[] whole = Files.readAllBytes(file);

            // One bit of a float's bytes flipped in the middle: every record still decodes, one payload differs.
            byte[] flipped = whole.clone();
            flipped[whole.length / 2] ^= 0x01;
            Files.write(file, flipped);
            IOException e = assertThrows(IOException.class, () -> countToTheEnd(run.openKeeping()));
            assertTrue(e.getMessage().contains(file.toString())
                    && e.getMessage().contains("does not hold the bytes written to it")
                    && e.getMessage().contains("another CRC-32C"), e.getMessage());

            // Zeros where the run was: a zero mask with zero varints decodes as records of zeros.
            Files.write(file, new byte[whole.length]);
            e = assertThrows(IOException.class, () -> countToTheEnd(run.openKeeping()));
            assertTrue(e.getMessage().contains("another CRC-32C"), e.getMessage());

            // Bytes after the last record (another run appended to this one, say) are named by their length.
            byte[] longer = Arrays.copyOf(whole, whole.length + 3);
            Files.write(file, longer);
            e = assertThrows(IOException.class, () -> countToTheEnd(run.openKeeping()));
            assertTrue(e.getMessage().contains((whole.length + 3) + " bytes read of " + whole.length + " written"),
                    e.getMessage());

            // The bytes written read back whole, through a merge's small buffer too.
            Files.write(file, whole);
            assertEquals(3000, countToTheEnd(run.openKeeping()));
            assertEquals(3000, countToTheEnd(run.open(RunFile.BUFFER_BYTES)));
        }
    }

    @Test
    void aFolderClosedWhileTheEstimationStillWritesAndDeletesRunsIsRemovedWholeAndTakesNoNewRun() throws Exception {
        // What Ctrl-C or SIGTERM does: the shutdown hook closes the folder while the estimating thread runs on,
        // deleting runs it has read and starting new ones. Before, a run deleted during the cleanup's walk ended
        // the cleanup with NoSuchFileException and left the rest (12 GB in the 1 B-word estimation) on the disk.
        SpillFolder folder = new SpillFolder(temp);
        java.util.concurrent.atomic.AtomicReference<Throwable> stopped = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch churning = new java.util.concurrent.CountDownLatch(200);
        Thread estimation = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    RunFile.Writer w = RunFile.writer(folder, "order-2", 2, 2);
                    for (int r = 0; r < 50; r++) {
                        w.add(new int[] {i, r}, 1);
                    }
                    RunFile run = w.finish();
                    if (i % 2 == 0) {
                        run.delete(); // read and deleted, as merged runs are
                    }
                    churning.countDown();
                }
            } catch (Throwable e) {
                stopped.set(e);
            }
        });
        estimation.start();
        assertTrue(churning.await(30, java.util.concurrent.TimeUnit.SECONDS));
        folder.close();
        estimation.join(10_000);
        assertFalse(estimation.isAlive(), "the estimating thread's next run is refused");
        assertTrue(stopped.get() instanceof io.lmkit.core.LmkitException
                && stopped.get().getMessage().contains("the estimation is stopping"), String.valueOf(stopped.get()));
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the folder and every run are gone");
        }
    }

    /** Reads a source to its end and closes it; the number of records read. */
    private static long countToTheEnd(RecordSource source) throws IOException {
        long n = 0;
        try (source) {
            while (source.next()) {
                n++;
            }
        }
        return n;
    }
}
