package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A merge read ahead on another thread gives the upstream's records, its failures, and stops when closed early. */
@Timeout(60)
class PrefetchedRecordsTest {

    @TempDir
    Path temp;

    /** Records {0, i, 2i} with count i + 1, for i below {@code n}; fails at record {@code failAt} if non-negative. */
    private static final class Counting implements RecordSource {
        private final int n;
        private final int failAt;
        private final int[] words = new int[3];
        private int i = -1;
        final AtomicBoolean closed = new AtomicBoolean();

        Counting(int n, int failAt) {
            this.n = n;
            this.failAt = failAt;
        }

        @Override
        public int width() {
            return 3;
        }

        @Override
        public boolean next() throws IOException {
            if (++i == failAt) {
                throw new IOException("the sorted run r-7.run ends early");
            }
            if (i >= n) {
                return false;
            }
            words[1] = i;
            words[2] = 2 * i;
            return true;
        }

        @Override
        public int[] words() {
            return words;
        }

        @Override
        public long count() {
            return i + 1;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void givesEveryRecordInOrderWhateverTheBlockBoundaries() throws IOException {
        int block = PrefetchedRecords.BLOCK_RECORDS;
        for (int n : new int[] {0, 1, block - 1, block, 2 * block, 5 * block + 17}) {
            try (SpillFolder folder = new SpillFolder(temp)) {
                Counting upstream = new Counting(n, -1);
                try (PrefetchedRecords s = new PrefetchedRecords(upstream, folder)) {
                    assertEquals(3, s.width());
                    for (int i = 0; i < n; i++) {
                        assertTrue(s.next(), "record " + i + " of " + n);
                        assertArrayEquals(new int[] {0, i, 2 * i}, s.words());
                        assertEquals(i + 1, s.count());
                    }
                    assertFalse(s.next(), n + " records, no more");
                    assertFalse(s.next(), "and still none");
                }
                assertTrue(upstream.closed.get(), "the upstream is closed with the stream");
            }
        }
    }

    @Test
    void aFailureOfTheReadingThreadIsThrownToTheConsumerAsItWasRaised() throws IOException {
        try (SpillFolder folder = new SpillFolder(temp)) {
            Counting upstream = new Counting(100_000, 10_000);
            PrefetchedRecords s = new PrefetchedRecords(upstream, folder);
            IOException e = assertThrows(IOException.class, () -> {
                while (s.next()) {
                    // read up to the failure
                }
            });
            assertEquals("the sorted run r-7.run ends early", e.getMessage());
            s.close();
            assertTrue(upstream.closed.get());
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReaderAndReturnsOnceTheUpstreamIsClosed() throws Exception {
        try (SpillFolder folder = new SpillFolder(temp)) {
            Counting upstream = new Counting(Integer.MAX_VALUE, -1);
            PrefetchedRecords s = new PrefetchedRecords(upstream, folder);
            for (int i = 0; i < 10; i++) {
                assertTrue(s.next());
            }
            s.close();
            // The reader, blocked on a full queue or reading, is interrupted, and close returns once it has ended
            // and closed the upstream: what the upstream held is free for the next sorter.
            assertTrue(upstream.closed.get(), "the upstream is closed when close returns");
        }
    }
}
