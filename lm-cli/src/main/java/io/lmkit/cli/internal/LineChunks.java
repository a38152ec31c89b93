package io.lmkit.cli.internal;

import io.lmkit.core.files.TextLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A stream of UTF-8 text cut into chunks of whole lines, read into byte arrays that go round: once a
 * chunk is done with ({@link #recycle}), a later chunk reuses its array, so reading a file of any length
 * takes a few arrays. The n-gram fast paths read their texts this way. Not thread-safe.
 */
final class LineChunks {

    /** Bytes read for a chunk: small, so that the chunks in flight take little memory (70 for Brown's test split ×12). */
    static final int CHUNK_BYTES = 1 << 17;
    /** Room in a chunk's array for the start of a line carried over from the chunk before (most lines are shorter). */
    static final int CARRY_ROOM = 1 << 14;

    /**
     * Whole lines of the text.
     *
     * @param text   the bytes, from index 0
     * @param length how many of them: up to and with the last line end read, or to the end of the file
     * @param last   whether the file ends with this chunk
     */
    record Chunk(byte[] text, int length, boolean last) {
    }

    private final InputStream in;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    /** The bytes after the last line end of the chunk before, the first {@link #carried} of them. */
    private byte[] carry = new byte[0];
    private int carried;
    /** Bytes read so far. */
    private long read;

    LineChunks(InputStream in) {
        this.in = in;
    }

    /** How many bytes have been read so far. */
    long read() {
        return read;
    }

    /** Hands back the array of a chunk that is done with, for a later chunk. */
    void recycle(byte[] text) {
        free.add(text);
    }

    /** The next chunk, or null when a line is longer than {@link TextLines#MAX_LINE_BYTES}. */
    Chunk next() throws IOException {
        while (true) {
            byte[] spare = free.poll();
            int want = carried + Math.max(CHUNK_BYTES, carried);
            // Room for a chunk and a line carried over, so that the arrays fit whatever each chunk carries
            // and go round without new ones (each new array is heap the process keeps: peak RSS).
            byte[] chunk = spare != null && spare.length >= want ? spare
                    : new byte[Math.max(want, CHUNK_BYTES + CARRY_ROOM)];
            System.arraycopy(carry, 0, chunk, 0, carried);
            int n = in.readNBytes(chunk, carried, want - carried);
            read += n;
            int length = carried + n;
            boolean end = length < want;
            int cut = end ? length : lastLineEnd(chunk, length) + 1;
            if (cut == 0 && !end) {
                if (length > TextLines.MAX_LINE_BYTES) {
                    return null;
                }
                carry = chunk; // no line end yet: a long line, read on
                carried = length;
                continue;
            }
            if (carry.length < length - cut) {
                carry = new byte[Math.max(length - cut, 1 << 12)];
            }
            System.arraycopy(chunk, cut, carry, 0, length - cut);
            carried = length - cut;
            return new Chunk(chunk, cut, end);
        }
    }

    private static int lastLineEnd(byte[] chunk, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
