package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Fields of 1 to 64 bits packed back to back, little-endian: field {@code i} of a column of width
 * {@code w} occupies bits {@code [i·w, i·w + w)} counted from the least significant bit of the first
 * byte. A column is followed by {@value #SLACK} zero bytes so that any field can be read with one or two
 * 8-byte reads.
 */
final class BitPacking {

    /** Zero bytes after every column. */
    static final int SLACK = 16;

    private BitPacking() {
    }

    /** The bits needed for every value in {@code [0, max]}; 1 at least. */
    static int bitsFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }

    /** Bytes of a column of {@code count} fields of {@code width} bits, slack included, rounded to 8. */
    static long columnBytes(long count, int width) {
        return ((count * width + 63) / 64) * 8 + SLACK;
    }

    /** The field of {@code width} bits at bit {@code bit} of {@code data}. */
    static long read(MappedData data, long bit, int width) {
        long at = bit >>> 3;
        int shift = (int) (bit & 7);
        long low = data.getLong(at) >>> shift;
        if (width + shift > 64) {
            low |= data.getLong(at + 8) << (64 - shift);
        }
        return width == 64 ? low : low & ((1L << width) - 1);
    }

    /** Writes fields one after another into a growing array of longs. */
    static final class Writer {
        private long[] words = new long[1024];
        private long bits;

        /** Appends the low {@code width} bits of {@code value}. */
        void write(long value, int width) {
            long v = width == 64 ? value : value & ((1L << width) - 1);
            int word = (int) (bits >>> 6);
            int shift = (int) (bits & 63);
            if (word + 1 >= words.length) {
                words = Arrays.copyOf(words, Math.max(words.length * 2, word + 2));
            }
            words[word] |= v << shift;
            if (shift + width > 64) {
                words[word + 1] |= v >>> (64 - shift);
            }
            bits += width;
        }

        /** Writes the column, little-endian, with its slack; returns the bytes written. */
        long writeTo(OutputStream out) throws IOException {
            long bytes = ((bits + 63) / 64) * 8;
            byte[] buf = new byte[8 * 4096];
            long done = 0;
            int word = 0;
            while (done < bytes) {
                int n = (int) Math.min(buf.length, bytes - done);
                for (int i = 0; i < n; i += 8, word++) {
                    long w = words[word];
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (w >>> (8 * j));
                    }
                }
                out.write(buf, 0, n);
                done += n;
            }
            out.write(new byte[SLACK]);
            return bytes + SLACK;
        }
    }

    /**
     * Writes fields one after another straight to a stream, the bytes {@link Writer} would write, holding one
     * 64-bit word: for columns too large to build in memory.
     */
    static final class StreamWriter {
        private final OutputStream out;
        private final byte[] buf = new byte[8 * 1024];
        private int buffered;
        private long word;
        private int used;

        StreamWriter(OutputStream out) {
            this.out = out;
        }

        /** Appends the low {@code width} bits of {@code value}. */
        void write(long value, int width) throws IOException {
            long v = width == 64 ? value : value & ((1L << width) - 1);
            word |= v << used;
            if (used + width >= 64) {
                emit(word);
                word = used == 0 ? 0 : v >>> (64 - used);
                used = used + width - 64;
            } else {
                used += width;
            }
        }

        /** Writes the last partial word and the slack; the stream stays open. */
        void finish() throws IOException {
            if (used > 0) {
                emit(word);
            }
            out.write(buf, 0, buffered);
            buffered = 0;
            out.write(new byte[SLACK]);
        }

        private void emit(long w) throws IOException {
            if (buffered == buf.length) {
                out.write(buf, 0, buffered);
                buffered = 0;
            }
            for (int j = 0; j < 8; j++) {
                buf[buffered++] = (byte) (w >>> (8 * j));
            }
        }
    }
}
