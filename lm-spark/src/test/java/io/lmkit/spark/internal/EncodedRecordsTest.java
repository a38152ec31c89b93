package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** A partition's records survive their encoding exactly, across chunk boundaries. */
class EncodedRecordsTest {

    @Test
    void recordsDecodeToTheirValuesAcrossChunks() {
        List<Tuple2<Gram, Stored>> records = new ArrayList<>();
        int n = EncodedRecords.CHUNK_BYTES / 14 + 1000; // more than one chunk
        for (int i = 0; i < n; i++) {
            int word = i % 3 == 0 ? Integer.MAX_VALUE - i : i;
            records.add(new Tuple2<>(new Gram(new int[] {7, word}),
                    new Stored(-i / 7f, i % 5 == 0 ? -0.0 : -1.0 / (i + 1), i % 11 == 0 ? Integer.MAX_VALUE : i)));
        }
        List<byte[]> chunks = new ArrayList<>();
        EncodedRecords.encode(records.iterator()).forEachRemaining(chunks::add);
        assertEquals(2, chunks.size(), "two chunks");
        assertEquals(n, EncodedRecords.count(chunks.iterator()));
        Iterator<EncodedRecords.Entry> it = EncodedRecords.decode(chunks);
        for (Tuple2<Gram, Stored> r : records) {
            EncodedRecords.Entry e = it.next();
            assertEquals(r._1().last(), e.word());
            assertEquals(Float.floatToRawIntBits(r._2().log10Prob()), Float.floatToRawIntBits(e.log10Prob()));
            assertEquals(Double.doubleToRawLongBits(r._2().log10Backoff()), Double.doubleToRawLongBits(e.log10Backoff()));
            assertEquals(r._2().followers(), e.followers());
        }
        assertEquals(false, it.hasNext());
    }
}
