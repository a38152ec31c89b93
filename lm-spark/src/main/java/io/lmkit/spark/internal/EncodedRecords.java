package io.lmkit.spark.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * A sorted partition of a model's merged records as the model file's writer reads them: per n-gram its last
 * word (varint), float32 probability, float64 backoff and number of followers (varint), in byte arrays of at most
 * {@value #CHUNK_BYTES} bytes. The executors encode their partitions in parallel, once; the driver then fetches a
 * partition as a few arrays, each time the writer reads it, and decodes them without building an object per
 * n-gram.
 */
final class EncodedRecords {

    /** The most a chunk holds, so that no array comes near Java's 2 GiB limit. */
    static final int CHUNK_BYTES = 16 << 20;
    /** The most one record takes: two varints of 5 bytes, 4 + 8 bytes of values. */
    private static final int MAX_RECORD = 22;

    private EncodedRecords() {
    }

    /** One decoded record. */
    record Entry(int word, float log10Prob, double log10Backoff, int followers) {
    }

    /** Encodes a sorted partition's records (each one whole n-gram) into chunks. */
    static Iterator<byte[]> encode(Iterator<Tuple2<Gram, Stored>> records) {
        List<byte[]> chunks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(CHUNK_BYTES);
        while (records.hasNext()) {
            if (b.remaining() < MAX_RECORD) {
                chunks.add(java.util.Arrays.copyOf(b.array(), b.position()));
                b.clear();
            }
            Tuple2<Gram, Stored> r = records.next();
            putVarint(b, r._1().last());
            b.putFloat(r._2().log10Prob());
            b.putDouble(r._2().log10Backoff());
            putVarint(b, r._2().followers());
        }
        if (b.position() > 0) {
            chunks.add(java.util.Arrays.copyOf(b.array(), b.position()));
        }
        return chunks.iterator();
    }

    /** The records of a partition's chunks, in order. */
    static Iterator<Entry> decode(List<byte[]> chunks) {
        return new Iterator<>() {
            private final Iterator<byte[]> next = chunks.iterator();
            private ByteBuffer current = ByteBuffer.allocate(0);

            @Override
            public boolean hasNext() {
                while (!current.hasRemaining() && next.hasNext()) {
                    current = ByteBuffer.wrap(next.next());
                }
                return current.hasRemaining();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int word = getVarint(current);
                float p = current.getFloat();
                double b = current.getDouble();
                return new Entry(word, p, b, getVarint(current));
            }
        };
    }

    /** The number of records in a partition's chunks. */
    static long count(Iterator<byte[]> chunks) {
        long n = 0;
        while (chunks.hasNext()) {
            ByteBuffer b = ByteBuffer.wrap(chunks.next());
            while (b.hasRemaining()) {
                getVarint(b);
                b.position(b.position() + 12);
                getVarint(b);
                n++;
            }
        }
        return n;
    }

    private static void putVarint(ByteBuffer b, int v) {
        while ((v & ~0x7F) != 0) {
            b.put((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    private static int getVarint(ByteBuffer b) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b.get();
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
    }
}
